package dev.kbuildx.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kbuildx.InvalidSettingException;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {

  @ParameterizedTest
  @CsvSource({
      "0, 0",
      "-0, 0",
      "+0, 0",
      "0s, 0",
      "1ns, 1",
      "1us, 1000",
      "1\u00b5s, 1000",
      "1\u03bcs, 1000",
      "1ms, 1000000",
      "120s, 120000000000",
      "2m, 120000000000",
      "1h30m, 5400000000000",
      "1.5h, 5400000000000",
      ".5s, 500000000",
      "1.s, 1000000000",
      "+5s, 5000000000",
      "-5s, -5000000000",
      "1h1m1s1ms1us1ns, 3661001001001",
      "2562047h, 9223369200000000000",
  })
  void parsesGoSyntax(String text, long nanos) {
    assertThat(GoDuration.parse("timeout", text)).isEqualTo(Duration.ofNanos(nanos));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "+", "-", "s", "abc", ".s", "1..5s", "1.5.5s", "1 s", "1s ", " 1s"})
  void rejectsMalformedDurations(String text) {
    assertThatThrownBy(() -> GoDuration.parse("timeout", text))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
          assertThat(e.setting()).isEqualTo("timeout");
          assertThat(e.accepted()).contains("a duration in Go syntax is expected");
        });
  }

  @ParameterizedTest
  @ValueSource(strings = {"300", "1h30", "1.5"})
  void reportsMissingUnit(String text) {
    assertThatThrownBy(() -> GoDuration.parse("timeout", text))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("the unit is missing");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1d", "5S", "1sec", "3M"})
  void reportsUnknownUnit(String text) {
    assertThatThrownBy(() -> GoDuration.parse("timeout", text))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("unknown unit");
  }

  @ParameterizedTest
  @ValueSource(strings = {"2562048h", "99999999999999999999ns"})
  void rejectsOutOfRange(String text) {
    assertThatThrownBy(() -> GoDuration.parse("timeout", text))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("out of range");
  }

  @ParameterizedTest
  @CsvSource({
      "0, 0s",
      "1, 1ns",
      "999, 999ns",
      "1500, 1.5\u00b5s",
      "1000000, 1ms",
      "2500000, 2.5ms",
      "1000000000, 1s",
      "1500000000, 1.5s",
      "60000000000, 1m0s",
      "120000000000, 2m0s",
      "3600000000000, 1h0m0s",
      "5400000000000, 1h30m0s",
      "3661001000000, 1h1m1.001s",
      "-90000000000, -1m30s",
  })
  void formatsLikeGo(long nanos, String text) {
    assertThat(GoDuration.format(Duration.ofNanos(nanos))).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"2m", "1.5h", "90s", "250ms", "1h1m1.001s", "7\u00b5s", "3ns"})
  void formattedDurationParsesBack(String text) {
    Duration duration = GoDuration.parse("timeout", text);
    assertThat(GoDuration.parse("timeout", GoDuration.format(duration))).isEqualTo(duration);
  }
}
