package dev.kbuildx.driver.kubernetes;

import dev.kbuildx.platform.Platform;
import java.util.List;

/**
 * What {@code ls} learned from the BuildKit daemon of one pod: its version and the platforms its
 * workers support, or why it could not be asked.
 *
 * @param version e.g. {@code v0.23.2}; empty when the daemon cannot tell
 * @param workerPlatforms of all workers, in the daemon's order, without repeats
 * @param error why the daemon did not answer, or null when it did
 */
public record DaemonStatus(String version, List<Platform> workerPlatforms, String error) {
  public DaemonStatus {
    workerPlatforms = List.copyOf(workerPlatforms);
  }

  public static DaemonStatus answered(String version, List<Platform> workerPlatforms) {
    return new DaemonStatus(version, workerPlatforms, null);
  }

  public static DaemonStatus failed(String error) {
    return new DaemonStatus("", List.of(), error);
  }

  public boolean isFailed() {
    return error != null;
  }
}
