package dev.kbuildx.progress;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Numbers printed the way BuildKit's Go printer prints them, so that logs read the same as
 * {@code --progress=plain}: Go rounds the exact binary value half to even, unlike {@code String.format}.
 */
final class GoFormat {
  private static final String[] DECIMAL_UNITS = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};

  private GoFormat() {}

  /** {@code %.<precision>f}. */
  static String fixed(double value, int precision) {
    return new BigDecimal(value).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
  }

  /** Seconds between two instants in nanoseconds, as Go's {@code Duration.Seconds()}. */
  static double seconds(long nanos) {
    return nanos / 1_000_000_000L + (nanos % 1_000_000_000L) / 1e9;
  }

  /** {@code %.2f} of BuildKit's byte sizes: decimal units, and plain bytes below 1 kB ({@code 88B}, {@code 1.23MB}). */
  static String bytes(long bytes) {
    int unit = 0;
    long base = 1;
    while (unit + 1 < DECIMAL_UNITS.length && bytes >= base * 1000) {
      base *= 1000;
      unit++;
    }
    return unit == 0 ? bytes + "B" : fixed((double) bytes / base, 2) + DECIMAL_UNITS[unit];
  }
}
