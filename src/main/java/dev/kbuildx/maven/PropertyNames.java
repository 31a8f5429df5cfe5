package dev.kbuildx.maven;

/** Every user property the plugin reads, in one place. */
final class PropertyNames {
  static final String PREFIX = "kbuildx.";
  static final String BUILDER = "kbuildx.builder";
  static final String NAMESPACE = "kbuildx.namespace";
  static final String KUBECONFIG = "kbuildx.kubeconfig";
  static final String KUBE_CONTEXT = "kbuildx.kubeContext";
  static final String SKIP = "kbuildx.skip";
  static final String CONNECT_TIMEOUT = "kbuildx.connectTimeout";
  static final String QUICK_COMPILATION = "kbuildx.quickCompilation";
  static final String NODE = "kbuildx.node";
  static final String PLATFORMS = "kbuildx.platforms";
  static final String NODE_PLATFORMS = "kbuildx.nodePlatforms";
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
  static final String ENDPOINT = "kbuildx.endpoint";
  static final String DOCKER_HOST = "kbuildx.dockerHost";
  static final String DOCKERFILE = "kbuildx.dockerfile";
  static final String CONTEXT = "kbuildx.context";
  static final String TAGS = "kbuildx.tags";
  static final String PUSH = "kbuildx.push";
  static final String LOAD = "kbuildx.load";
  static final String SSH = "kbuildx.ssh";
  static final String ATTESTATIONS = "kbuildx.attestations";
  static final String PROVENANCE = "kbuildx.provenance";
  static final String SBOM = "kbuildx.sbom";
  static final String TARGET = "kbuildx.target";
  static final String NO_CACHE = "kbuildx.noCache";
  static final String NO_CACHE_FILTER = "kbuildx.noCacheFilter";
  static final String BUILD_CONTEXTS = "kbuildx.buildContexts";
  static final String PULL = "kbuildx.pull";
  static final String NETWORK = "kbuildx.network";
  static final String ADD_HOSTS = "kbuildx.addHosts";
  static final String SHM_SIZE = "kbuildx.shmSize";
  static final String ULIMITS = "kbuildx.ulimits";
  static final String SECRETS = "kbuildx.secrets";
  static final String OUTPUTS = "kbuildx.outputs";
  static final String CACHE_FROM = "kbuildx.cacheFrom";
  static final String CACHE_TO = "kbuildx.cacheTo";
  static final String SOURCE_DATE_EPOCH = "kbuildx.sourceDateEpoch";
  static final String SKIP_POM = "kbuildx.skipPom";
  // The builder care goals and what ls, inspect and du print.
  static final String FORMAT = "kbuildx.format";
  static final String VERBOSE = "kbuildx.verbose";
  static final String FILTERS = "kbuildx.filters";
  static final String ALL = "kbuildx.all";
  static final String KEEP_DURATION = "kbuildx.keepDuration";
  static final String RESERVED_SPACE = "kbuildx.reservedSpace";
  static final String MAX_USED_SPACE = "kbuildx.maxUsedSpace";
  static final String MIN_FREE_SPACE = "kbuildx.minFreeSpace";

  private PropertyNames() {}
}
