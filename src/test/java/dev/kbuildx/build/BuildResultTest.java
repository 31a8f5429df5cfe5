package dev.kbuildx.build;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kbuildx.buildkit.SolveResults;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildResultTest {
  @TempDir Path dir;

  @Test
  void writesTheDigestsNamesAndBuilderAsJson() throws IOException {
    String descriptor = Base64.getEncoder().encodeToString(("{\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
        + "\"digest\":\"sha256:abc\",\"size\":123}").getBytes(StandardCharsets.UTF_8));
    SolveResults results = SolveResults.parse(Map.of("containerimage.digest", "sha256:abc",
        "containerimage.descriptor", descriptor, "image.name", "app:1,app:latest"));
    Path file = dir.resolve("target/kbuildx/build-result.json");

    BuildResult.of("remote tcp://buildkitd:1234", List.of("app:1", "app:latest"), results).write(file);

    JsonNode json = new ObjectMapper().readTree(file.toFile());
    assertThat(json.path("builder").asText()).isEqualTo("remote tcp://buildkitd:1234");
    assertThat(json.path("tags")).extracting(JsonNode::asText).containsExactly("app:1", "app:latest");
    assertThat(json.path("digest").asText()).isEqualTo("sha256:abc");
    assertThat(json.path("mediaType").asText()).isEqualTo("application/vnd.oci.image.index.v1+json");
    assertThat(json.path("descriptorDigest").asText()).isEqualTo("sha256:abc");
    assertThat(json.path("imageNames")).extracting(JsonNode::asText).containsExactly("app:1", "app:latest");
  }

  @Test
  void aCacheOnlyBuildHasNoDigest() throws IOException {
    Path file = dir.resolve("build-result.json");

    BuildResult.of("docker-engine unix:///run/docker.sock", List.of(), SolveResults.parse(Map.of())).write(file);

    JsonNode json = new ObjectMapper().readTree(file.toFile());
    assertThat(json.has("digest")).isFalse();
    assertThat(json.path("tags")).isEmpty();
  }
}
