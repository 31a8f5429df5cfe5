package dev.kbuildx.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kbuildx.InvalidSettingException;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SourceDateEpochTest {
  private static final Function<String, String> NO_ENVIRONMENT = name -> null;

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "1672531200, 1672531200",
      "0, 0",
      "1, 1",
      "2023-01-01T00:00:00Z, 1672531200",
      "2023-01-01T02:00:00+02:00, 1672531200",
      "2023-01-01T00:00:00.900Z, 1672531200"
  })
  void readsSecondsAndIsoTimesAsMavenArchiverDoes(String outputTimestamp, long seconds) {
    assertThat(SourceDateEpoch.resolve(null, outputTimestamp, NO_ENVIRONMENT)).hasValue(seconds);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"", " ", "x", "-"})
  void anEmptyOrOneCharacterTimestampThatIsNoDigitIsOff(String outputTimestamp) {
    assertThat(SourceDateEpoch.resolve(null, outputTimestamp, NO_ENVIRONMENT)).isEmpty();
    assertThat(SourceDateEpoch.resolve(null, null, NO_ENVIRONMENT)).isEmpty();
  }

  @Test
  void theSettingWinsOverTheTimestampWhichWinsOverTheEnvironment() {
    Function<String, String> environment = Map.of("SOURCE_DATE_EPOCH", "300")::get;

    assertThat(SourceDateEpoch.resolve("100", "200", environment)).hasValue(100);
    assertThat(SourceDateEpoch.resolve(" ", "200", environment)).hasValue(200);
    assertThat(SourceDateEpoch.resolve(null, "x", environment)).hasValue(300);
    assertThat(SourceDateEpoch.resolve(null, null, environment)).isEqualTo(OptionalLong.of(300));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"2023-01-01", "yesterday", "-5", "1969-12-31T23:59:59Z", "99999999999999999999"})
  void anInvalidTimestampNamesItsSetting(String outputTimestamp) {
    assertThatThrownBy(() -> SourceDateEpoch.resolve(null, outputTimestamp, NO_ENVIRONMENT))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
          assertThat(e.setting()).isEqualTo("outputTimestamp");
          assertThat(e.value()).isEqualTo(outputTimestamp);
          assertThat(e.accepted()).contains("1672531200").contains("2023-01-01T00:00:00Z");
        });
  }

  @Test
  void anInvalidSettingOrVariableNamesTheSetting() {
    assertThatThrownBy(() -> SourceDateEpoch.resolve("soon", null, NO_ENVIRONMENT))
        .isInstanceOfSatisfying(InvalidSettingException.class,
            e -> assertThat(e.setting()).isEqualTo("sourceDateEpoch"));
    assertThatThrownBy(() -> SourceDateEpoch.resolve(null, null, Map.of("SOURCE_DATE_EPOCH", "soon")::get))
        .isInstanceOfSatisfying(InvalidSettingException.class,
            e -> assertThat(e.setting()).isEqualTo("sourceDateEpoch"));
  }
}
