package dev.kbuildx.driver.kubernetes;

import dev.kbuildx.platform.Platform;
import java.util.List;
import java.util.SortedMap;

/**
 * One node of a builder as it exists in the cluster, read from the labels and annotations of
 * its workload ({@link BuilderLabels}).
 *
 * @param kind {@code Deployment} or {@code StatefulSet}
 * @param objectName the workload name, also its {@code app} label
 * @param platforms the declared platforms stored on the workload
 * @param spec the declared settings stored on the workload (empty when absent)
 * @param pods the node's pods sorted by name
 */
public record NodeState(
    String builder,
    String node,
    String namespace,
    String kind,
    String objectName,
    List<Platform> platforms,
    int replicas,
    int readyReplicas,
    SortedMap<String, String> spec,
    List<PodState> pods) {

  /** buildx's status words: {@code running}, {@code stopped} (no ready replica). */
  public String status() {
    return readyReplicas > 0 && pods.stream().anyMatch(PodState::usable) ? "running" : "stopped";
  }
}
