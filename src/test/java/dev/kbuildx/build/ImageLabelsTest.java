package dev.kbuildx.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageLabelsTest {

  @Test
  void theProjectGivesTheOciLabelsItKnows() {
    assertThat(ImageLabels.merge("1.2.0", "Orders", "Takes\n   orders ", "https://git.example.com/orders",
        "0123456789abcdef0123456789abcdef01234567", null))
        .containsExactly(
            Map.entry("org.opencontainers.image.version", "1.2.0"),
            Map.entry("org.opencontainers.image.title", "Orders"),
            Map.entry("org.opencontainers.image.description", "Takes orders"),
            Map.entry("org.opencontainers.image.source", "https://git.example.com/orders"),
            Map.entry("org.opencontainers.image.revision", "0123456789abcdef0123456789abcdef01234567"));
  }

  @Test
  void unknownValuesAreLeftOutAndUserLabelsWin() {
    Map<String, String> labels = ImageLabels.merge("1.0", null, " ", null, null,
        Map.of("org.opencontainers.image.version", "custom", "team", "payments"));

    assertThat(labels).containsOnly(
        Map.entry("org.opencontainers.image.version", "custom"),
        Map.entry("team", "payments"));
  }
}
