package dev.kbuildx.buildkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.engine.TestEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;


/**
 * Local caches with the Docker Engine's BuildKit: it imports a local cache through the session's
 * content store, but has no local cache exporter ("unknown cache exporter: local"), so an export
 * is refused before the build starts.
 */
class LocalCacheEngineTest extends EngineBuildTest {
  private static final String CACHE_CONFIG_TYPE = "application/vnd.buildkit.cacheconfig.v0";
  private static final String INDEX_TYPE = "application/vnd.oci.image.index.v1+json";

  private Path context;

  @BeforeEach
  void writeContext() throws IOException {
    context = Files.createDirectories(dir.resolve("context"));
    Files.writeString(context.resolve("Dockerfile"),
        "FROM " + TestEngine.BASE_IMAGE + "\nRUN echo " + UUID.randomUUID() + "\n");
  }

  @Test
  void theDaemonReadsAnImportedLocalCacheThroughTheSession() throws IOException {
    Path cache = dir.resolve("cache");
    String config = blob(cache, "{\"layers\":[],\"records\":[]}");
    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + INDEX_TYPE + "\",\"manifests\":[" + descriptor(
        CACHE_CONFIG_TYPE, config, size(cache, config)) + "]}";
    String manifestDigest = blob(cache, manifest);
    Files.writeString(cache.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\""
        + INDEX_TYPE + "\",\"digest\":\"" + manifestDigest + "\",\"size\":" + size(cache, manifestDigest)
        + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"latest\"}}]}");

    solver.solve(runnable().cacheFrom("type=local,src=" + cache).build(), "");

    assertThat(log.messages()).anyMatch(line -> line.contains("importing cache manifest from local:"));
    assertThat(log.messages()).noneMatch(line -> line.contains("ERROR"));
  }

  @Test
  void exportingALocalCacheIsRefusedBeforeTheBuildStarts() {
    Path cache = dir.resolve("cache");

    assertThatThrownBy(() -> solver.solve(runnable().cacheTo("type=local,dest=" + cache + ",mode=max").build(), ""))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("exports only an inline cache");
    assertThat(cache).doesNotExist();
  }

  private DockerfileBuild.Builder runnable() {
    return DockerfileBuild.builder(context).network(TestEngine.BUILD_NETWORK);
  }

  private static String descriptor(String mediaType, String digest, long size) {
    return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest + "\",\"size\":" + size + "}";
  }

  /** Stores {@code json} as a blob of the OCI layout {@code layout}; returns its digest. */
  private static String blob(Path layout, String json) throws IOException {
    byte[] data = json.getBytes(StandardCharsets.UTF_8);
    String hex = sha256(data);
    Path blob = Files.createDirectories(layout.resolve("blobs/sha256")).resolve(hex);
    Files.write(blob, data);
    Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    return "sha256:" + hex;
  }

  private static long size(Path layout, String digest) throws IOException {
    return Files.size(layout.resolve("blobs/sha256/" + digest.substring("sha256:".length())));
  }

  private static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
