package dev.kbuildx.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.SettingKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class SettingLocationsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "replicas | <replicas>",
      "requests.ephemeral-storage | <requests><ephemeralStorage>",
      "env.FOO | <env><FOO>",
      "qemu.install | <qemu><install>",
      "nodeselector | <nodeSelector>",
      "persistent-volume-claim.requests.storage | <persistentVolumeClaimStorage>"
  })
  void driverOptionsNameTheTypedElementTheCsvKeyAndTheProperty(String key, String element) {
    String message = SettingLocations.message(InvalidSettingException.driverOption(key, "bad", "accepted: good"));

    assertThat(message).isEqualTo("invalid driver option " + key + " \"bad\": accepted: good. It is set by "
        + element + " in a node's <driver>, by " + key + "=... in <driverOpts> or -Dkbuildx.driverOpts, or by -Dkbuildx.driver." + key + ".");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "builder | <builder> or -Dkbuildx.builder",
      "nodePlatforms | <platforms> of a <node>, <nodePlatforms> or -Dkbuildx.nodePlatforms",
      "kubeContext | <kubeContext> or -Dkbuildx.kubeContext",
      "node | <nodes><node><name> or -Dkbuildx.node",
      "driverOpts | <driverOpts> or -Dkbuildx.driverOpts"
  })
  void settingsNameTheElementAndTheProperty(String setting, String location) {
    String message = SettingLocations.message(InvalidSettingException.setting(setting, "x y", "accepted: z"));

    assertThat(message).isEqualTo("invalid " + setting + " \"x y\": accepted: z. It is set by " + location + ".");
  }

  @Test
  void anEnvironmentOptionWithoutANameShowsTheGeneralForm() {
    String message = SettingLocations.message(InvalidSettingException.driverOption("env.", "x", "the name is missing"));

    assertThat(message).isEqualTo("invalid driver option env. \"x\": the name is missing. It is set by <env><NAME> in a"
        + " node's <driver>, by env.<NAME>=... in <driverOpts> or -Dkbuildx.driverOpts, or by"
        + " -Dkbuildx.driver.env.<NAME>.");
  }

  @Test
  void aSettingWithoutAKnownLocationKeepsTheMessage() {
    String message = SettingLocations.message(InvalidSettingException.setting("kbuildx.dev/platforms", "x", "why"));

    assertThat(message).isEqualTo("invalid kbuildx.dev/platforms \"x\": why");
  }

  @Test
  void anUnknownDriverOptionPointsAtWhereDriverOptionsAreSet() {
    String message = SettingLocations.message(InvalidSettingException.driverOption("network", "host", "unknown option"));

    assertThat(message).isEqualTo("invalid driver option network \"host\": unknown option. Driver options are set by"
        + " a node's <driver> or <driverOpts>, by -Dkbuildx.driverOpts or by -Dkbuildx.driver.<option>.");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(SettingKey.class)
  void everySettingKeyHasALocation(SettingKey setting) {
    String message = SettingLocations.message(InvalidSettingException.setting(setting.key(), "x", "why"));

    assertThat(message).startsWith("invalid " + setting.key() + " \"x\": why. It is set by ")
        .doesNotContain("null");
  }

  /** A key written as a literal would bypass SettingKey, and so its location; the core names them by constant. */
  @Test
  void noSourceThrowsASettingKeyWrittenAsALiteral() throws IOException {
    Pattern literalKey = Pattern.compile("InvalidSettingException\\.setting\\(\\s*\"");
    try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
      List<Path> offenders = sources.filter(path -> path.toString().endsWith(".java"))
          .filter(path -> literalKey.matcher(read(path)).find())
          .toList();
      assertThat(offenders).as("use a SettingKey constant").isEmpty();
    }
  }

  private static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
