package dev.kbuildx.options;

import dev.kbuildx.InvalidSettingException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte sizes as Docker and buildx read them ({@code 64m}, {@code 1.5GiB}, {@code 512 kb}: binary
 * multiples, an optional {@code i} and {@code b}) and as buildx prints them ({@code 307.2kB}).
 */
public final class ByteSize {
  /** What {@link #parse} accepts, for error messages. */
  public static final String ACCEPTED = "expected a size such as 64m, 1g or 67108864 (bytes; k, m, g, t and p"
      + " are powers of 1024)";
  private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?) ?([kmgtp])?i?b?", Pattern.CASE_INSENSITIVE);
  private static final String[] DECIMAL_UNITS = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};
  private static final MathContext FOUR_DIGITS = new MathContext(4, RoundingMode.HALF_EVEN);

  private ByteSize() {}

  /** The bytes of the setting {@code key} (a {@link dev.kbuildx.SettingKey}); zero is allowed. */
  public static long parse(String key, String value) {
    Matcher matcher = SIZE.matcher(value);
    if (!matcher.matches()) {
      throw InvalidSettingException.setting(key, value, ACCEPTED);
    }
    int power = matcher.group(2) == null ? 0 : "kmgtp".indexOf(matcher.group(2).toLowerCase(Locale.ROOT)) + 1;
    double bytes = Double.parseDouble(matcher.group(1)) * Math.pow(1024, power);
    if (bytes > Long.MAX_VALUE) {
      throw InvalidSettingException.setting(key, value, "the size is out of range; " + ACCEPTED);
    }
    return (long) bytes;
  }

  /** Four significant digits and decimal units, as buildx's disk usage shows sizes: {@code 0B}, {@code 4.096kB}, {@code 1.2GB}. */
  public static String human(long bytes) {
    int unit = 0;
    BigDecimal value = BigDecimal.valueOf(bytes);
    BigDecimal thousand = BigDecimal.valueOf(1000);
    while (unit + 1 < DECIMAL_UNITS.length && value.compareTo(thousand) >= 0) {
      value = value.divide(thousand);
      unit++;
    }
    return value.round(FOUR_DIGITS).stripTrailingZeros().toPlainString() + DECIMAL_UNITS[unit];
  }
}
