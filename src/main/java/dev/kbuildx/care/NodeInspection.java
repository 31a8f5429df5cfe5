package dev.kbuildx.care;

import dev.kbuildx.buildkit.WorkerInfo;
import dev.kbuildx.driver.DriverDescription;
import dev.kbuildx.driver.DriverStatus;
import dev.kbuildx.platform.Platform;
import java.util.List;

/**
 * One node as {@code inspect} shows it: what its driver knows, and what its daemon answered.
 *
 * @param declaredPlatforms the platforms the node is declared for
 * @param version the daemon's BuildKit version; empty when it was not asked or cannot tell
 * @param workers the daemon's workers; empty when it was not asked
 * @param error why the daemon did not answer, or null
 */
public record NodeInspection(String name, DriverStatus status, DriverDescription description,
    List<Platform> declaredPlatforms, String version, List<WorkerInfo> workers, String error) {
  public NodeInspection {
    declaredPlatforms = List.copyOf(declaredPlatforms);
    workers = List.copyOf(workers);
  }

  /** Every platform the workers support, in the daemon's order, without repeats. */
  public List<Platform> detectedPlatforms() {
    return workers.stream().flatMap(worker -> worker.platforms().stream()).distinct().toList();
  }
}
