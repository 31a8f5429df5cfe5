package dev.kbuildx.build;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.SettingKey;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The {@code SOURCE_DATE_EPOCH} of a build: the time, in seconds since 1970, that reproducible
 * builds stamp on files and image metadata. buildx passes it as the build argument of that name.
 */
public final class SourceDateEpoch {
  /** The build argument, and the environment variable buildx and maven-archiver fall back to. */
  public static final String NAME = "SOURCE_DATE_EPOCH";

  private static final String ACCEPTED = "expected seconds since 1970-01-01T00:00:00Z, such as 1672531200, or an"
      + " ISO-8601 time with an offset, such as 2023-01-01T00:00:00Z";

  private SourceDateEpoch() {}

  /**
   * The epoch to build with, if any: {@code configured} when set; else {@code outputTimestamp}
   * ({@code project.build.outputTimestamp}), read as maven-archiver reads it, where a value of one
   * character that is not a digit switches it off (to override an inherited value); else the
   * {@code SOURCE_DATE_EPOCH} variable of {@code environment}.
   */
  public static OptionalLong resolve(String configured, String outputTimestamp, Function<String, String> environment) {
    if (configured != null && !configured.isBlank()) {
      return OptionalLong.of(parse(configured.trim(), SettingKey.SOURCE_DATE_EPOCH.key()));
    }
    String timestamp = outputTimestamp == null ? "" : outputTimestamp.trim();
    if (timestamp.length() >= 2 || isDigits(timestamp)) {
      return OptionalLong.of(parse(timestamp, SettingKey.OUTPUT_TIMESTAMP.key()));
    }
    String variable = environment.apply(NAME);
    if (variable == null || variable.isBlank()) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(parse(variable.trim(), SettingKey.SOURCE_DATE_EPOCH.key()));
  }

  /** Seconds since the epoch, or an ISO-8601 time with an offset, truncated to whole seconds. */
  static long parse(String value, String setting) {
    long seconds;
    if (isDigits(value)) {
      try {
        seconds = Long.parseLong(value);
      } catch (NumberFormatException e) {
        throw InvalidSettingException.setting(setting, value, "the number is too large; " + ACCEPTED);
      }
    } else {
      try {
        seconds = OffsetDateTime.parse(value).toEpochSecond();
      } catch (DateTimeParseException e) {
        throw InvalidSettingException.setting(setting, value, ACCEPTED);
      }
    }
    if (seconds < 0) {
      throw InvalidSettingException.setting(setting, value, "the time is before 1970; " + ACCEPTED);
    }
    return seconds;
  }

  private static boolean isDigits(String value) {
    return !value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9');
  }
}
