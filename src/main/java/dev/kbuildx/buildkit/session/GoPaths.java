package dev.kbuildx.buildkit.session;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Go's {@code path} rules for {@code /}-separated paths, on which fsutil's ordering and matching rely. */
final class GoPaths {
  /**
   * Orders names as Go does: by their UTF-8 bytes, unsigned. {@link String#compareTo} differs for
   * characters outside the BMP, which the daemon would reject as "changes out of order".
   */
  static final Comparator<String> UTF8_ORDER = Comparator.comparing(
      name -> name.getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned);

  private GoPaths() {}

  /** Go's {@code path.Clean}: no doubled or trailing slashes, no {@code .}, {@code ..} resolved lexically. */
  static String clean(String path) {
    if (path.isEmpty()) {
      return ".";
    }
    boolean rooted = path.charAt(0) == '/';
    List<String> parts = new ArrayList<>();
    for (String part : path.split("/", -1)) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (!parts.isEmpty() && !parts.get(parts.size() - 1).equals("..")) {
          parts.remove(parts.size() - 1);
        } else if (!rooted) {
          parts.add(part);
        }
        continue;
      }
      parts.add(part);
    }
    String joined = String.join("/", parts);
    if (rooted) {
      return "/" + joined;
    }
    return joined.isEmpty() ? "." : joined;
  }

  /** Go's {@code path.Join}: the non-empty elements joined by {@code /}, then cleaned. */
  static String join(String first, String second) {
    if (first.isEmpty()) {
      return second.isEmpty() ? "" : clean(second);
    }
    return clean(second.isEmpty() ? first : first + "/" + second);
  }

  /** Go's {@code path.Dir}: everything before the last slash, cleaned. */
  static String dir(String path) {
    int slash = path.lastIndexOf('/');
    return clean(slash < 0 ? "" : path.substring(0, slash + 1));
  }
}
