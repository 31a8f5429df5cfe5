package dev.kbuildx.real;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kbuildx.build.BuildResult;
import dev.kbuildx.buildkit.TarEntries;
import dev.kbuildx.progress.CollectingLog;
import dev.kbuildx.real.RealDaemons.Daemon;
import dev.kbuildx.registry.MediaTypes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The {@code docker} and {@code oci} exporters of current BuildKit, both in one solve: each tar file
 * holds its index, the image manifest and every blob it names, and the layer holds the built file.
 */
class ArchiveExportRealTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension static final RealDaemons DAEMONS = new RealDaemons();

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Daemon.class)
  void writesADockerArchiveAndAnOciLayoutOfTheImage(Daemon daemon) throws IOException {
    Path context = Files.createDirectories(dir.resolve("context"));
    String name = "kbuildx-real/archive:1";
    Path dockerTar = dir.resolve("docker.tar");
    Path ociTar = dir.resolve("oci.tar");

    BuildResult result = DAEMONS.build(daemon, RealDaemons.tinyBuild(context)
        .output("type=docker,dest=" + dockerTar + ",name=" + name)
        .output("type=oci,dest=" + ociTar).build(), new CollectingLog());

    String content = Files.readString(context.resolve("hello.txt"));
    Map<String, TarEntries.Entry> oci = TarEntries.read(ociTar);
    assertThat(oci).containsKey("oci-layout");
    JsonNode ociManifest = blob(oci, json(oci, "index.json").path("manifests").get(0).path("digest").asText());
    assertThat(result.digest()).isEqualTo(json(oci, "index.json").path("manifests").get(0).path("digest").asText());
    assertThat(ociManifest.path("mediaType").asText()).isEqualTo(MediaTypes.OCI_MANIFEST);
    assertThat(blob(oci, ociManifest.path("config").path("digest").asText()).path("architecture").asText())
        .isEqualTo("amd64");
    assertThat(layerFile(oci, ociManifest, "hello.txt")).isEqualTo(content);

    Map<String, TarEntries.Entry> docker = TarEntries.read(dockerTar);
    JsonNode loadManifest = json(docker, "manifest.json").get(0);
    assertThat(loadManifest.path("RepoTags").get(0).asText()).isEqualTo(name);
    assertThat(docker).containsKey(loadManifest.path("Config").asText());
    assertThat(loadManifest.path("Layers")).singleElement().satisfies(layer -> assertThat(
        files(docker.get(layer.asText()).content()).get("hello.txt").text()).isEqualTo(content));
    JsonNode dockerManifest = blob(docker, json(docker, "index.json").path("manifests").get(0).path("digest").asText());
    assertThat(layerFile(docker, dockerManifest, "hello.txt")).isEqualTo(content);
  }

  private static JsonNode json(Map<String, TarEntries.Entry> tar, String name) throws IOException {
    assertThat(tar).containsKey(name);
    return JSON.readTree(tar.get(name).content());
  }

  /** The blob {@code digest} of an OCI layout, checked against its digest. */
  private static JsonNode blob(Map<String, TarEntries.Entry> tar, String digest) throws IOException {
    return JSON.readTree(verifiedBlob(tar, digest));
  }

  private static byte[] verifiedBlob(Map<String, TarEntries.Entry> tar, String digest) {
    String path = "blobs/" + digest.replace(':', '/');
    assertThat(tar).as("the blobs of the layout").containsKey(path);
    byte[] content = tar.get(path).content();
    assertThat("sha256:" + sha256(content)).isEqualTo(digest);
    return content;
  }

  /** The file {@code name} in the manifest's only layer. */
  private static String layerFile(Map<String, TarEntries.Entry> tar, JsonNode manifest, String name)
      throws IOException {
    assertThat(manifest.path("layers")).hasSize(1);
    return files(verifiedBlob(tar, manifest.path("layers").get(0).path("digest").asText())).get(name).text();
  }

  private static Map<String, TarEntries.Entry> files(byte[] gzippedLayer) throws IOException {
    try (InputStream layer = new GZIPInputStream(new ByteArrayInputStream(gzippedLayer))) {
      return TarEntries.read(layer);
    }
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
