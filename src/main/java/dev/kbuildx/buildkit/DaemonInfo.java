package dev.kbuildx.buildkit;

/**
 * The BuildKit version a daemon reports.
 *
 * @param version e.g. {@code v0.23.2}, or {@link #UNKNOWN} for daemons that cannot say
 * @param revision the source revision, empty when unknown
 */
public record DaemonInfo(String version, String revision) {

  /** What daemons older than BuildKit v0.11 (such as Docker 20.10's) show: they lack the Info call. */
  public static final String UNKNOWN = "unknown, older than v0.11";

  static DaemonInfo unknown() {
    return new DaemonInfo(UNKNOWN, "");
  }
}
