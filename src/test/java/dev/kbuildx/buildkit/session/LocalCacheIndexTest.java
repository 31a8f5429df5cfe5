package dev.kbuildx.buildkit.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCacheIndexTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FIRST = "sha256:" + "1".repeat(64);
  private static final String SECOND = "sha256:" + "2".repeat(64);
  private static final String OTHER = "sha256:" + "3".repeat(64);

  @TempDir Path dir;

  @Test
  void tagsTheReportedManifestReplacingOnlyTheSameTag() throws IOException {
    LocalCacheIndex.tag(dir, descriptor(FIRST), "latest");
    LocalCacheIndex.tag(dir, descriptor(OTHER), "other");
    LocalCacheIndex.tag(dir, descriptor(SECOND), "latest");

    JsonNode index = JSON.readTree(dir.resolve("index.json").toFile());
    assertThat(index.path("schemaVersion").asInt()).isEqualTo(2);
    assertThat(index.path("mediaType").asText()).isEqualTo("application/vnd.oci.image.index.v1+json");
    assertThat(index.path("manifests")).hasSize(2);
    JsonNode latest = index.path("manifests").get(1);
    assertThat(latest.path("digest").asText()).isEqualTo(SECOND);
    assertThat(latest.path("size").asLong()).isEqualTo(321);
    assertThat(latest.path("mediaType").asText()).isEqualTo("application/vnd.oci.image.index.v1+json");
    assertThat(latest.path("annotations").path(LocalCacheIndex.REF_NAME).asText()).isEqualTo("latest");
    assertThat(index.path("manifests").get(0).path("annotations").path(LocalCacheIndex.REF_NAME).asText())
        .isEqualTo("other");
    try (var files = Files.list(dir)) {
      assertThat(files.map(path -> path.getFileName().toString())).containsExactly("index.json");
    }
  }

  private static String descriptor(String digest) {
    return "{\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"digest\":\"" + digest + "\",\"size\":321}";
  }
}
