package dev.kbuildx.build;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildResultTest {
  private static final String INDEX = "application/vnd.oci.image.index.v1+json";
  private static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";

  @TempDir Path dir;

  @Test
  void writesTheIndexAndEachPlatformsManifestWithItsNode() throws IOException {
    Path file = dir.resolve("target/kbuildx/build-result.json");

    new BuildResult("nodes remote tcp://amd:1234, remote tcp://arm:1234", List.of("app:1", "app:latest"),
        "sha256:index", INDEX, List.of(
            new PlatformManifest("linux/amd64", "sha256:amd", MANIFEST, "amd"),
            new PlatformManifest("linux/arm64", "sha256:arm", MANIFEST, "arm"))).write(file);

    JsonNode json = new ObjectMapper().readTree(file.toFile());
    assertThat(json.path("builder").asText()).isEqualTo("nodes remote tcp://amd:1234, remote tcp://arm:1234");
    assertThat(json.path("tags")).extracting(JsonNode::asText).containsExactly("app:1", "app:latest");
    assertThat(json.path("digest").asText()).isEqualTo("sha256:index");
    assertThat(json.path("mediaType").asText()).isEqualTo(INDEX);
    assertThat(json.path("manifests")).hasSize(2);
    assertThat(json.path("manifests").get(1).path("platform").asText()).isEqualTo("linux/arm64");
    assertThat(json.path("manifests").get(1).path("digest").asText()).isEqualTo("sha256:arm");
    assertThat(json.path("manifests").get(1).path("node").asText()).isEqualTo("arm");
  }

  @Test
  void aCacheOnlyBuildHasNoDigest() throws IOException {
    Path file = dir.resolve("build-result.json");

    new BuildResult("docker-engine unix:///run/docker.sock", List.of(), null, null, List.of()).write(file);

    JsonNode json = new ObjectMapper().readTree(file.toFile());
    assertThat(json.has("digest")).isFalse();
    assertThat(json.path("tags")).isEmpty();
    assertThat(json.path("manifests")).isEmpty();
    assertThat(json.has("cacheOnly")).isFalse();
  }

  @Test
  void aTypeCacheOnlyBuildSaysSo() throws IOException {
    Path file = dir.resolve("build-result.json");

    new BuildResult("remote tcp://buildkitd:1234", List.of(), null, null, List.of()).nothingExported().write(file);

    assertThat(new ObjectMapper().readTree(file.toFile()).path("cacheOnly").asBoolean()).isTrue();
  }
}
