package dev.kbuildx.driver.kubernetes;

import dev.kbuildx.InvalidSettingException;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.regex.Pattern;

/**
 * Kubernetes resource quantities ({@code 500m}, {@code 2}, {@code 512Mi}, {@code 4G}, {@code 1e3}),
 * checked when the option is read rather than when the API server rejects the workload.
 */
final class Quantities {
  /**
   * Kubernetes' quantity grammar: a decimal number, then a binary suffix, a decimal suffix or a
   * decimal exponent. Exponents are limited to two digits: nothing in a pod spec needs more, and
   * it keeps the arithmetic of comparisons small.
   */
  private static final Pattern QUANTITY = Pattern.compile(
      "[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]{1,2})?");
  private static final String ACCEPTED =
      "a Kubernetes quantity is expected: a non-negative decimal number with an optional suffix"
          + " (Ki, Mi, Gi, Ti, Pi, Ei, n, u, m, k, M, G, T, P, E or an exponent such as e3),"
          + " for example 500m, 2, 512Mi, 4G";

  private Quantities() {}

  /** Returns {@code value} once it is a valid, non-negative quantity. */
  static String check(String key, String value) {
    if (!QUANTITY.matcher(value).matches()) {
      throw InvalidSettingException.driverOption(key, value, ACCEPTED);
    }
    if (value.startsWith("-")) {
      throw InvalidSettingException.driverOption(key, value, "a negative amount is not accepted; " + ACCEPTED);
    }
    return value;
  }

  /** Compares two valid quantities by amount, so that {@code 1Gi} and {@code 1024Mi} are equal. */
  static int compare(String left, String right) {
    return Quantity.getAmountInBytes(Quantity.parse(left)).compareTo(Quantity.getAmountInBytes(Quantity.parse(right)));
  }
}
