package dev.kbuildx.bench;

import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many bytes the daemon received for the build context, read from the plain progress that all
 * three clients print: the last {@code #<n> transferring context: <size>} line of the vertex
 * {@code [internal] load build context}. The daemon writes that line itself, so the figure means
 * the same for every client. Sizes are decimal, as the daemon prints them ({@code 35B},
 * {@code 2.10MB}, {@code 1.05GB}).
 */
final class TransferredContext {
  private static final Pattern VERTEX = Pattern.compile("#(\\d+) \\[internal\\] load build context\\s*$",
      Pattern.MULTILINE);
  private static final String SIZE_LINE = "#%s transferring context: ([0-9.]+)([kMGT]?B)";

  private TransferredContext() {}

  /** The bytes, or empty when the log shows no context transfer. */
  static OptionalLong bytes(String progress) {
    Matcher vertex = VERTEX.matcher(progress);
    String id = null;
    while (vertex.find()) {
      id = vertex.group(1);
    }
    if (id == null) {
      return OptionalLong.empty();
    }
    Matcher size = Pattern.compile(String.format(Locale.ROOT, SIZE_LINE, id)).matcher(progress);
    OptionalLong last = OptionalLong.empty();
    while (size.find()) {
      last = OptionalLong.of(Math.round(Double.parseDouble(size.group(1)) * unit(size.group(2))));
    }
    return last;
  }

  private static double unit(String unit) {
    return switch (unit) {
      case "kB" -> 1e3;
      case "MB" -> 1e6;
      case "GB" -> 1e9;
      case "TB" -> 1e12;
      default -> 1;
    };
  }
}
