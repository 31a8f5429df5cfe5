package dev.kbuildx.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlatformCompatibilityTest {

  private static List<String> vector(String platform) {
    return PlatformCompatibility.vector(Platform.parse(platform, "platforms")).stream()
        .map(Platform::toString)
        .toList();
  }

  private static List<String> platforms(String... platforms) {
    return Arrays.asList(platforms);
  }

  @Test
  void amd64AlsoRuns386() {
    assertThat(vector("linux/amd64")).isEqualTo(platforms("linux/amd64", "linux/386"));
    assertThat(vector("linux/amd64/v1")).isEqualTo(platforms("linux/amd64", "linux/386"));
  }

  @Test
  void amd64MicroArchitectureLevelsFallBackToLowerLevelsThen386() {
    assertThat(vector("linux/amd64/v3"))
        .isEqualTo(platforms("linux/amd64/v3", "linux/amd64/v2", "linux/amd64", "linux/386"));
    assertThat(vector("linux/amd64/v2")).isEqualTo(platforms("linux/amd64/v2", "linux/amd64", "linux/386"));
  }

  @Test
  void armVariantsFallBackDownToV5() {
    assertThat(vector("linux/arm/v8"))
        .isEqualTo(platforms("linux/arm/v8", "linux/arm/v7", "linux/arm/v6", "linux/arm/v5"));
    assertThat(vector("linux/arm")).isEqualTo(platforms("linux/arm/v7", "linux/arm/v6", "linux/arm/v5"));
    assertThat(vector("linux/arm/v6")).isEqualTo(platforms("linux/arm/v6", "linux/arm/v5"));
    assertThat(vector("linux/arm/v5")).isEqualTo(platforms("linux/arm/v5"));
  }

  @Test
  void arm64AlsoRuns32BitArmButArmDoesNotRunArm64() {
    assertThat(vector("linux/arm64"))
        .isEqualTo(platforms("linux/arm64", "linux/arm/v8", "linux/arm/v7", "linux/arm/v6", "linux/arm/v5"));
    assertThat(vector("linux/arm64/v8")).isEqualTo(vector("linux/arm64"));
    assertThat(vector("linux/arm/v7")).doesNotContain("linux/arm64");
  }

  @Test
  void arm64MinorVersionsFallBackThroughLowerMinors() {
    assertThat(vector("linux/arm64/v8.2")).isEqualTo(platforms("linux/arm64/v8.2", "linux/arm64/v8.1", "linux/arm64",
        "linux/arm/v8", "linux/arm/v7", "linux/arm/v6", "linux/arm/v5"));
  }

  @Test
  void arm64V9FallsBackToTheV8MinorItBranchedFrom() {
    assertThat(vector("linux/arm64/v9.1")).isEqualTo(platforms("linux/arm64/v9.1", "linux/arm64/v9",
        "linux/arm64/v8.6", "linux/arm64/v8.5", "linux/arm64/v8.4", "linux/arm64/v8.3", "linux/arm64/v8.2",
        "linux/arm64/v8.1", "linux/arm64", "linux/arm/v8", "linux/arm/v7", "linux/arm/v6", "linux/arm/v5"));
    // containerd keeps the plain v9 as the 32-bit arm variant to start from.
    assertThat(vector("linux/arm64/v9")).isEqualTo(platforms("linux/arm64/v9", "linux/arm64/v8.5",
        "linux/arm64/v8.4", "linux/arm64/v8.3", "linux/arm64/v8.2", "linux/arm64/v8.1", "linux/arm64",
        "linux/arm/v9", "linux/arm/v8", "linux/arm/v7", "linux/arm/v6", "linux/arm/v5"));
  }

  @Test
  void otherArchitecturesOnlyRunThemselves() {
    assertThat(vector("linux/386")).isEqualTo(platforms("linux/386"));
    assertThat(vector("linux/s390x")).isEqualTo(platforms("linux/s390x"));
    assertThat(vector("linux/riscv64")).isEqualTo(platforms("linux/riscv64"));
  }

  @Test
  void theOperatingSystemIsKept() {
    assertThat(vector("windows/amd64")).isEqualTo(platforms("windows/amd64", "windows/386"));
  }
}
