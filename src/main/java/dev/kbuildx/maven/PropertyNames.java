package dev.kbuildx.maven;

/** Every user property the plugin reads, in one place. */
final class PropertyNames {
  static final String PREFIX = "kbuildx.";
  static final String BUILDER = "kbuildx.builder";
  static final String NAMESPACE = "kbuildx.namespace";
  static final String KUBECONFIG = "kbuildx.kubeconfig";
  static final String KUBE_CONTEXT = "kbuildx.kubeContext";
  static final String SKIP = "kbuildx.skip";
  static final String NODE = "kbuildx.node";
  static final String PLATFORMS = "kbuildx.platforms";
  static final String DRIVER_OPTS = "kbuildx.driverOpts";
  /** Prefix of per-option properties: {@code -Dkbuildx.driver.replicas=2}. */
  static final String DRIVER_OPTION_PREFIX = "kbuildx.driver.";
  static final String BUILDKITD_FLAGS = "kbuildx.buildkitdFlags";
  static final String BUILDKITD_CONFIG = "kbuildx.buildkitdConfig";
  static final String BOOTSTRAP = "kbuildx.bootstrap";
  static final String DRY_RUN = "kbuildx.dryRun";
  static final String DRY_RUN_OUTPUT = "kbuildx.dryRunOutput";
  static final String ALL_NAMESPACES = "kbuildx.allNamespaces";
  static final String NO_TRUNC = "kbuildx.noTrunc";
  static final String REMOVE_VOLUMES = "kbuildx.removeVolumes";

  private PropertyNames() {}
}
