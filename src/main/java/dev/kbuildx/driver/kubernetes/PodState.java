package dev.kbuildx.driver.kubernetes;

/**
 * One BuildKit pod of a node, as read from the cluster.
 *
 * @param phase the pod phase, for example {@code Running} or {@code Pending}
 * @param ready whether the pod's Ready condition is true
 * @param terminating whether the pod carries a deletion timestamp
 */
public record PodState(String name, String phase, boolean ready, boolean terminating) {

  /** A pod a build may connect to: running and not on its way out. */
  public boolean usable() {
    return "Running".equals(phase) && !terminating;
  }
}
