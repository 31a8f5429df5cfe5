package dev.kbuildx.progress;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GoFormatTest {

  /** How the printer shows a log offset below 10 s. */
  static String offset(double seconds) {
    return GoFormat.fixed(seconds, 3);
  }

  @Test
  void roundsTheExactBinaryValueHalfToEvenAsGoDoes() {
    assertThat(GoFormat.fixed(0.05, 1)).isEqualTo("0.1");
    assertThat(GoFormat.fixed(0.25, 1)).isEqualTo("0.2");
    assertThat(GoFormat.fixed(0.35, 1)).isEqualTo("0.3");
    assertThat(GoFormat.fixed(2.0, 1)).isEqualTo("2.0");
    assertThat(GoFormat.fixed(0.0, 3)).isEqualTo("0.000");
  }

  @Test
  void formatsBytesInDecimalUnits() {
    assertThat(GoFormat.bytes(2)).isEqualTo("2B");
    assertThat(GoFormat.bytes(999)).isEqualTo("999B");
    assertThat(GoFormat.bytes(1000)).isEqualTo("1.00kB");
    assertThat(GoFormat.bytes(1_580)).isEqualTo("1.58kB");
    assertThat(GoFormat.bytes(27_140_000)).isEqualTo("27.14MB");
    assertThat(GoFormat.bytes(3_000_000_000L)).isEqualTo("3.00GB");
  }

  @Test
  void convertsNanosecondsLikeGoDurations() {
    assertThat(GoFormat.seconds(1_500_000_000L)).isEqualTo(1.5);
    assertThat(GoFormat.seconds(460_000_000L)).isEqualTo(0.46);
  }
}
