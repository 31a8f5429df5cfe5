package dev.kbuildx.options;

import java.time.Duration;

/**
 * Durations in buildx's wording ({@code 2 minutes}, {@code About a minute}), so that progress
 * lines and cache ages read the same as buildx's.
 */
public final class HumanDuration {
  private HumanDuration() {}

  public static String of(Duration duration) {
    long seconds = duration.getSeconds();
    long minutes = duration.toMinutes();
    long hours = Math.round(duration.toMillis() / 3_600_000.0);
    if (seconds < 1) {
      return "Less than a second";
    } else if (seconds == 1) {
      return "1 second";
    } else if (seconds < 60) {
      return seconds + " seconds";
    } else if (minutes == 1) {
      return "About a minute";
    } else if (minutes < 60) {
      return minutes + " minutes";
    } else if (hours == 1) {
      return "About an hour";
    } else if (hours < 48) {
      return hours + " hours";
    } else if (hours < 24 * 7 * 2) {
      return hours / 24 + " days";
    } else if (hours < 24 * 30 * 2) {
      return hours / 24 / 7 + " weeks";
    } else if (hours < 24 * 365 * 2) {
      return hours / 24 / 30 + " months";
    }
    return hours / 24 / 365 + " years";
  }
}
