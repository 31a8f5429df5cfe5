package dev.kbuildx.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kbuildx.InvalidSettingException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The build goal's settings name where they are set. */
class BuildSettingLocationsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "endpoint | <endpoint> or -Dkbuildx.endpoint",
      "DOCKER_HOST | <dockerHost>, -Dkbuildx.dockerHost or the DOCKER_HOST environment variable",
      "dockerfile | <dockerfile> or -Dkbuildx.dockerfile",
      "context | <context> or -Dkbuildx.context",
      "platforms | <platforms> or -Dkbuildx.platforms",
      "buildArgs | <buildArgs>",
      "labels | <labels>",
      "buildContexts | <buildContexts> or -Dkbuildx.buildContexts",
      "network | <network> or -Dkbuildx.network",
      "shmSize | <shmSize> or -Dkbuildx.shmSize",
      "secrets | <secrets> or -Dkbuildx.secrets",
      "outputs | <outputs> or -Dkbuildx.outputs",
      "cacheTo | <cacheTo> or -Dkbuildx.cacheTo",
      "tags | <tags> or -Dkbuildx.tags",
      "push | <push> or -Dkbuildx.push",
      "sourceDateEpoch | <sourceDateEpoch>, -Dkbuildx.sourceDateEpoch or the SOURCE_DATE_EPOCH environment variable",
      "outputTimestamp | the project.build.outputTimestamp property; <sourceDateEpoch> or -Dkbuildx.sourceDateEpoch"
          + " replaces it"
  })
  void buildSettingsNameTheElementAndTheProperty(String setting, String location) {
    String message = SettingLocations.message(InvalidSettingException.setting(setting, "bad", "accepted: good"));

    assertThat(message).isEqualTo("invalid " + setting + " \"bad\": accepted: good. It is set by " + location + ".");
  }
}
