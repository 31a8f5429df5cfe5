package dev.kbuildx.options;

import dev.kbuildx.InvalidSettingException;
import java.util.List;
import java.util.Optional;

/** Boolean values, accepted in exactly the spellings Go's {@code strconv.ParseBool} takes, as buildx and BuildKit do. */
public final class GoBoolean {
  private static final List<String> TRUE = List.of("1", "t", "T", "TRUE", "true", "True");
  private static final List<String> FALSE = List.of("0", "f", "F", "FALSE", "false", "False");
  /** The accepted spellings, for error messages and docs. */
  public static final String SPELLINGS = String.join(", ", TRUE) + " or " + String.join(", ", FALSE);

  private GoBoolean() {}

  /** The value, or empty when {@code value} is no spelling of a boolean. */
  public static Optional<Boolean> parse(String value) {
    if (TRUE.contains(value)) {
      return Optional.of(true);
    }
    return FALSE.contains(value) ? Optional.of(false) : Optional.empty();
  }

  /** The value of driver option {@code key}; anything else than a boolean is an invalid option. */
  public static boolean parseDriverOption(String key, String value) {
    return parse(value).orElseThrow(() ->
        InvalidSettingException.driverOption(key, value, "a boolean is expected; accepted: " + SPELLINGS));
  }
}
