package dev.kbuildx.buildkit;

import dev.kbuildx.platform.Platform;
import java.util.List;
import java.util.Map;

/**
 * One worker of a daemon.
 *
 * @param platforms normalised, in the daemon's order (its first is the native one)
 * @param labels e.g. {@code org.mobyproject.buildkit.worker.executor}
 */
public record WorkerInfo(String id, List<Platform> platforms, Map<String, String> labels) {
  public WorkerInfo {
    platforms = List.copyOf(platforms);
    labels = Map.copyOf(labels);
  }
}
