package dev.kbuildx.options;

import dev.kbuildx.InvalidSettingException;
import java.util.List;

/** Boolean option values, accepted in exactly the spellings Go's {@code strconv.ParseBool} takes, as buildx does. */
public final class GoBoolean {
  private static final List<String> TRUE = List.of("1", "t", "T", "TRUE", "true", "True");
  private static final List<String> FALSE = List.of("0", "f", "F", "FALSE", "false", "False");

  private GoBoolean() {}

  public static boolean parse(String key, String value) {
    if (TRUE.contains(value)) {
      return true;
    }
    if (FALSE.contains(value)) {
      return false;
    }
    throw InvalidSettingException.driverOption(key, value,
        "a boolean is expected; accepted: " + String.join(", ", TRUE) + " or " + String.join(", ", FALSE));
  }
}
