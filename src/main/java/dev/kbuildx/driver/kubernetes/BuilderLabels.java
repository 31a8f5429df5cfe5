package dev.kbuildx.driver.kubernetes;

/**
 * The labels and annotations that hold a builder's state in the cluster, so that every CI runner
 * and laptop sees the same builders without a local store. buildx's own {@code app} label and
 * platform annotation are kept so that buildx users recognise the objects.
 */
public final class BuilderLabels {
  /** buildx's label: the workload name; the only key in the (immutable) selector. */
  public static final String APP = "app";
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String MANAGED_BY_VALUE = "kbuildx";
  /** The builder a workload, ConfigMap, pod or claim belongs to (lower-cased builder name). */
  public static final String BUILDER = "kbuildx.dev/builder";
  /** The node (lower-cased node name) within the builder. */
  public static final String NODE = "kbuildx.dev/node";

  /** buildx's annotation: comma-joined platforms of the node. */
  public static final String BUILDX_PLATFORM = "buildx.docker.com/platform";
  /** The node's declared platforms, comma-joined; empty when none were declared. */
  public static final String PLATFORMS = "kbuildx.dev/platforms";
  /** JSON object of the node's declared settings, used to report what changed on update. */
  public static final String SPEC = "kbuildx.dev/spec";
  /** SHA-256 of the declared settings; a difference means the workload must be updated. */
  public static final String SPEC_HASH = "kbuildx.dev/spec-hash";

  private BuilderLabels() {}
}
