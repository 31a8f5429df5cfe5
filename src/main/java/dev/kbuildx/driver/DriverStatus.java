package dev.kbuildx.driver;

/** Whether a node's daemon runs, in buildx's words where buildx has them. */
public enum DriverStatus {
  /** The daemon runs and takes builds. */
  RUNNING,
  /** The node exists but no daemon of it is ready. */
  STOPPED,
  /** The node is declared but does not exist yet. */
  INACTIVE,
  /** kbuildx neither starts nor stops this daemon (a standing daemon or a Docker Engine); it is dialled as it is. */
  EXTERNAL;

  /** A node in this state is bootstrapped before the build dials it. */
  public boolean needsBootstrap() {
    return this == STOPPED || this == INACTIVE;
  }
}
