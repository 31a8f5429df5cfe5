package dev.kbuildx.buildkit;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the daemon on the other end can do with a solve request, as far as the request must adapt.
 *
 * @param dockerEngine the daemon is the BuildKit built into a Docker Engine: its image exporter is
 *     called {@code moby} and stores into the engine, it cannot push, and it has no {@code oci} or
 *     {@code docker} exporter
 * @param multipleExporters BuildKit 0.13 and newer read every entry of {@code Exporters}; older ones
 *     only the single deprecated exporter
 * @param version the BuildKit version for messages, e.g. {@code v0.12.5}, or a description such as
 *     {@code older than v0.11} when the daemon answers {@code Info} with UNIMPLEMENTED
 */
public record DaemonFeatures(boolean dockerEngine, boolean multipleExporters, String version) {

  /** A current standalone buildkitd. */
  public static final DaemonFeatures CURRENT = new DaemonFeatures(false, true, "current");

  private static final Pattern MAJOR_MINOR = Pattern.compile("v?(\\d+)\\.(\\d+).*");
  private static final String BEFORE_INFO = "older than v0.11";

  /** What {@link ControlClient#info()} tells, for a Docker Engine's BuildKit when {@code dockerEngine}. */
  public static DaemonFeatures of(DaemonInfo info, boolean dockerEngine) {
    String version = DaemonInfo.UNKNOWN.equals(info.version()) ? null : info.version();
    return dockerEngine ? dockerEngine(version) : buildkitd(version);
  }

  /**
   * A standalone buildkitd whose {@code Info} answered {@code version}; null when {@code Info} is
   * unimplemented, which means a BuildKit older than v0.11.
   */
  public static DaemonFeatures buildkitd(String version) {
    return new DaemonFeatures(false, atLeast013(version), version == null ? BEFORE_INFO : version);
  }

  /** The BuildKit of a Docker Engine, with {@code version} as for {@link #buildkitd(String)}. */
  public static DaemonFeatures dockerEngine(String version) {
    return new DaemonFeatures(true, atLeast013(version), version == null ? BEFORE_INFO : version);
  }

  /** The daemon did not tell its version ({@code Info} is unimplemented): it is older than v0.11. */
  public boolean versionUnknown() {
    return BEFORE_INFO.equals(version);
  }

  private static boolean atLeast013(String version) {
    Matcher matcher = version == null ? null : MAJOR_MINOR.matcher(version);
    if (matcher == null || !matcher.matches()) {
      return false;
    }
    int major = Integer.parseInt(matcher.group(1));
    return major > 0 || Integer.parseInt(matcher.group(2)) >= 13;
  }
}
