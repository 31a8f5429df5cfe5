package dev.kbuildx.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kbuildx.InvalidSettingException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PlatformTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "linux/amd64, linux/amd64",
      "linux/x86_64, linux/amd64",
      "linux/x86-64, linux/amd64",
      "linux/amd64/v1, linux/amd64",
      "linux/amd64/v3, linux/amd64/v3",
      "linux/aarch64, linux/arm64",
      "linux/arm64/v8, linux/arm64",
      "linux/arm64/8, linux/arm64",
      "linux/arm64/v8.0, linux/arm64",
      "linux/arm64/9, linux/arm64/v9",
      "linux/arm64/v9.0, linux/arm64/v9",
      "linux/arm, linux/arm/v7",
      "linux/arm/7, linux/arm/v7",
      "linux/arm/6, linux/arm/v6",
      "linux/arm/v5, linux/arm/v5",
      "linux/armhf, linux/arm/v7",
      "linux/armel, linux/arm/v6",
      "linux/i386, linux/386",
      "linux/i686, linux/386",
      "linux/386, linux/386",
      "linux/ppc64le, linux/ppc64le",
      "linux/riscv64, linux/riscv64",
      "arm64, linux/arm64",
      "x86_64, linux/amd64",
      "arm, linux/arm/v7",
      "LINUX/AMD64, linux/amd64",
      "Linux/ARM64/V8, linux/arm64",
      "'  linux/s390x  ', linux/s390x",
      "macos/arm64, darwin/arm64",
      "windows/amd64, windows/amd64"
  })
  void normalisesLikeContainerd(String spec, String expected) {
    assertThat(Platform.parse(spec, "platforms")).hasToString(expected);
  }

  @Test
  void keepsTheVariantApartFromOsArch() {
    Platform arm = Platform.parse("linux/arm/v6", "platforms");

    assertThat(arm).isEqualTo(new Platform("linux", "arm", "v6"));
    assertThat(arm.osArch()).isEqualTo("linux/arm");
    assertThat(Platform.parse("linux/amd64", "platforms").variant()).isNull();
  }

  @Test
  void equalSpellingsCompareEqual() {
    assertThat(Platform.parse("linux/x86_64", "platforms")).isEqualTo(Platform.parse("amd64", "platforms"));
    assertThat(Platform.parse("linux/armhf", "platforms")).isEqualTo(Platform.parse("linux/arm", "platforms"));
  }

  @Test
  void localIsTheMachineRunningMavenOnLinux() {
    Platform local = Platform.local();

    assertThat(local.os()).isEqualTo("linux");
    assertThat(local.architecture()).doesNotContain("x86_64", "aarch64");
    assertThat(Platform.parse("local", "platforms")).isEqualTo(local);
    assertThat(Platform.parseList("local,linux/amd64", "platforms")).first().isEqualTo(local);
  }

  @Test
  void aLoneOperatingSystemTakesTheLocalArchitecture() {
    Platform linux = Platform.parse("linux", "platforms");

    assertThat(linux).isEqualTo(Platform.local());
  }

  @Test
  void parseListSplitsOnCommasSkipsBlanksAndRemovesDuplicates() {
    List<Platform> platforms =
        Platform.parseList("linux/amd64, linux/x86_64,,linux/arm64/v8 ,arm64,linux/arm", "platforms");

    assertThat(platforms).extracting(Platform::toString)
        .containsExactly("linux/amd64", "linux/arm64", "linux/arm/v7");
  }

  @Test
  void parseListOfNothingIsEmpty() {
    assertThat(Platform.parseList(null, "platforms")).isEmpty();
    assertThat(Platform.parseList("", "platforms")).isEmpty();
    assertThat(Platform.parseList(" , ", "platforms")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "linux/", "/amd64", "linux//v7", "a/b/c/d", "linux/amd 64", "linux/amd64/v1+",
      "linux/arm64*", "linux/ämd64", "notanarch", "LOCAL"})
  void refusesMalformedPlatforms(String spec) {
    assertThatThrownBy(() -> Platform.parse(spec, "platforms"))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
          assertThat(e.setting()).isEqualTo("platforms");
          assertThat(e.value()).isEqualTo(spec);
          assertThat(e.isDriverOption()).isFalse();
          assertThat(e.accepted()).contains("os/arch[/variant]", "linux/amd64");
        });
  }

  @Test
  void errorsNameTheSettingTheCallerPassed() {
    assertThatThrownBy(() -> Platform.parseList("linux/amd64,a/b/c/d", "kbuildx.dev/platforms"))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
          assertThat(e.setting()).isEqualTo("kbuildx.dev/platforms");
          assertThat(e.value()).isEqualTo("a/b/c/d");
        })
        .hasMessageStartingWith("invalid kbuildx.dev/platforms \"a/b/c/d\": expected os/arch[/variant]");
  }
}
