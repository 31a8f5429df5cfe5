package dev.kbuildx.buildkit;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.SettingKey;
import java.util.List;

/** A resource limit of {@code RUN} steps, {@code name=soft[:hard]} as in {@code docker run --ulimit}. */
public record Ulimit(String name, long soft, long hard) {

  /** The limits Docker's ulimit parser knows. */
  public static final List<String> NAMES = List.of("core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue",
      "nice", "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending", "stack");
  private static final String ACCEPTED = "expected name=soft[:hard] with integer limits, e.g. nofile=1024:2048;"
      + " names: " + String.join(", ", NAMES);

  /** Reads {@code name=soft[:hard]}; a missing hard limit equals the soft one. */
  public static Ulimit parse(String spec) {
    String value = spec == null ? "" : spec.trim();
    int equals = value.indexOf('=');
    if (equals < 0) {
      throw invalid(spec, ACCEPTED);
    }
    String name = value.substring(0, equals);
    if (!NAMES.contains(name)) {
      throw invalid(spec, "unknown limit " + name + "; " + ACCEPTED);
    }
    String[] limits = value.substring(equals + 1).split(":", -1);
    if (limits.length > 2) {
      throw invalid(spec, ACCEPTED);
    }
    long soft = number(limits[0], spec);
    long hard = limits.length == 2 ? number(limits[1], spec) : soft;
    if (soft > hard) {
      throw invalid(spec, "the soft limit " + soft + " is above the hard limit " + hard);
    }
    return new Ulimit(name, soft, hard);
  }

  private static long number(String text, String spec) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw invalid(spec, ACCEPTED);
    }
  }

  private static InvalidSettingException invalid(String spec, String accepted) {
    return InvalidSettingException.setting(SettingKey.ULIMITS.key(), spec == null ? "" : spec, accepted);
  }

  /** {@code name=soft:hard}, the form the Dockerfile frontend reads. */
  @Override
  public String toString() {
    return name + "=" + soft + ":" + hard;
  }
}
