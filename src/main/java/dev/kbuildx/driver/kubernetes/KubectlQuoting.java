package dev.kbuildx.driver.kubernetes;

import java.util.regex.Pattern;
import tools.jackson.dataformat.yaml.util.StringQuotingChecker;

/**
 * Quotes a string only where kubectl's YAML reader (YAML 1.1 rules, as in go-yaml v2) would read the
 * plain scalar as something else: a bool such as {@code yes} or {@code on}, a null, a number in any
 * of Go's notations ({@code 0755}, {@code 0x1F}, {@code 1_000}, {@code 1e3}, {@code 1:20}) or a
 * timestamp. Strings that plain YAML syntax cannot hold ({@code a: b}, {@code #x}, {@code [x}) are
 * left to the emitter, which single-quotes them, as kubectl's does.
 */
final class KubectlQuoting extends StringQuotingChecker {
  private static final long serialVersionUID = 1L;

  private static final Pattern NOT_A_STRING = Pattern.compile(String.join("|",
      "~",
      "[-+]?(\\.[0-9_]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?",
      "[-+]?0([bB][01_]+|[oO][0-7_]+|[xX][0-9a-fA-F_]+)",
      "[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?",
      "[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)",
      "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt \\t].*)?"));

  @Override
  public boolean needToQuoteName(String name) {
    return needToQuoteValue(name);
  }

  @Override
  public boolean needToQuoteValue(String value) {
    return isReservedKeyword(value) || NOT_A_STRING.matcher(value).matches();
  }
}
