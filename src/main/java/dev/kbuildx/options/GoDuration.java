package dev.kbuildx.options;

import dev.kbuildx.InvalidSettingException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * Durations in Go's {@code time.ParseDuration} syntax ({@code 90s}, {@code 1h30m}, {@code 1.5h}),
 * the syntax buildx users already write, and their canonical Go rendering ({@code 2m0s}).
 */
public final class GoDuration {
  private static final String ACCEPTED_SYNTAX =
      "a duration in Go syntax is expected: decimal numbers each followed by a unit"
          + " (ns, us, µs, ms, s, m, h), for example 90s, 2m, 1h30m or 1.5h";
  private static final long NANOS_PER_MICRO = 1_000L;
  private static final long NANOS_PER_MILLI = 1_000_000L;
  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final Map<String, Long> UNIT_NANOS = Map.of(
      "ns", 1L,
      "us", NANOS_PER_MICRO,
      "\u00b5s", NANOS_PER_MICRO, // micro sign
      "\u03bcs", NANOS_PER_MICRO, // Greek small letter mu
      "ms", NANOS_PER_MILLI,
      "s", NANOS_PER_SECOND,
      "m", 60 * NANOS_PER_SECOND,
      "h", 3600 * NANOS_PER_SECOND);
  private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);

  private GoDuration() {}

  /** The value of driver option {@code key}, such as a node's {@code timeout}. */
  public static Duration parse(String key, String value) {
    return parse(value, accepted -> InvalidSettingException.driverOption(key, value, accepted));
  }

  /** The value of the setting {@code key} (a {@link dev.kbuildx.SettingKey}), such as a prune's keep duration. */
  public static Duration parseSetting(String key, String value) {
    return parse(value, accepted -> InvalidSettingException.setting(key, value, accepted));
  }

  private static Duration parse(String value, Function<String, InvalidSettingException> invalid) {
    String rest = value;
    boolean negative = false;
    if (!rest.isEmpty() && (rest.charAt(0) == '-' || rest.charAt(0) == '+')) {
      negative = rest.charAt(0) == '-';
      rest = rest.substring(1);
    }
    if (rest.equals("0")) {
      return Duration.ZERO;
    }
    if (rest.isEmpty()) {
      throw invalid.apply(ACCEPTED_SYNTAX);
    }
    BigDecimal nanos = BigDecimal.ZERO;
    int i = 0;
    while (i < rest.length()) {
      int numberStart = i;
      while (i < rest.length() && isNumberChar(rest.charAt(i))) {
        i++;
      }
      String number = rest.substring(numberStart, i);
      if (!number.matches("[0-9]+(\\.[0-9]*)?|\\.[0-9]+")) {
        throw invalid.apply(ACCEPTED_SYNTAX);
      }
      int unitStart = i;
      while (i < rest.length() && !isNumberChar(rest.charAt(i))) {
        i++;
      }
      if (unitStart == i) {
        throw invalid.apply("the unit is missing; " + ACCEPTED_SYNTAX);
      }
      Long unit = UNIT_NANOS.get(rest.substring(unitStart, i));
      if (unit == null) {
        throw invalid.apply(
            "unknown unit \"" + rest.substring(unitStart, i) + "\"; " + ACCEPTED_SYNTAX);
      }
      nanos = nanos.add(new BigDecimal(number).multiply(BigDecimal.valueOf(unit)));
    }
    BigInteger whole = nanos.setScale(0, RoundingMode.DOWN).toBigIntegerExact();
    if (whole.compareTo(MAX_NANOS) > 0) {
      throw invalid.apply(
          "the duration is out of range; " + ACCEPTED_SYNTAX + ", at most about 2562047h");
    }
    Duration duration = Duration.ofNanos(whole.longValueExact());
    return negative ? duration.negated() : duration;
  }

  private static boolean isNumberChar(char c) {
    return c == '.' || (c >= '0' && c <= '9');
  }

  /** Go's {@code Duration.String()}: the largest units first, for example {@code 1h30m0s}, {@code 1.5s}, {@code 250ms}. */
  public static String format(Duration duration) {
    if (duration.isNegative()) {
      return "-" + format(duration.negated());
    }
    long nanos = duration.toNanos();
    if (nanos == 0) {
      return "0s";
    }
    if (nanos < NANOS_PER_MICRO) {
      return nanos + "ns";
    }
    if (nanos < NANOS_PER_MILLI) {
      return decimal(nanos, NANOS_PER_MICRO) + "\u00b5s";
    }
    if (nanos < NANOS_PER_SECOND) {
      return decimal(nanos, NANOS_PER_MILLI) + "ms";
    }
    long totalSeconds = nanos / NANOS_PER_SECOND;
    String seconds = decimal(totalSeconds % 60 * NANOS_PER_SECOND + nanos % NANOS_PER_SECOND, NANOS_PER_SECOND) + "s";
    long totalMinutes = totalSeconds / 60;
    if (totalMinutes == 0) {
      return seconds;
    }
    String minutes = totalMinutes % 60 + "m" + seconds;
    long hours = totalMinutes / 60;
    return hours == 0 ? minutes : hours + "h" + minutes;
  }

  /** {@code amount / unit} with the fraction's trailing zeros (and a bare point) dropped. */
  private static String decimal(long amount, long unit) {
    return BigDecimal.valueOf(amount).divide(BigDecimal.valueOf(unit)).stripTrailingZeros().toPlainString();
  }
}
