package dev.kbuildx.driver.kubernetes;

import dev.kbuildx.KbuildxException;
import dev.kbuildx.buildkit.BuildkitdConfig;
import dev.kbuildx.driver.ClusterPlacement;
import dev.kbuildx.driver.ConnectedDaemon;
import dev.kbuildx.driver.Driver;
import dev.kbuildx.driver.DriverDescription;
import dev.kbuildx.driver.DriverFeatures;
import dev.kbuildx.driver.DriverStatus;
import dev.kbuildx.driver.SharedConnections;
import dev.kbuildx.platform.Platform;
import dev.kbuildx.progress.ProgressLog;
import dev.kbuildx.transport.StreamChannels;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A node of a Kubernetes builder, reached by {@code buildctl dial-stdio} in one of its pods, which
 * the node's load balance picks. What the POM declares for the node wins over what its workload
 * stores, as create would apply it.
 */
final class KubernetesDriver implements Driver {
  private final BuilderBootstrap builder;
  private final String name;
  private final String namespace;
  private final NodeSpec declared;
  private final ClusterAccess cluster;
  private final String stickyKey;
  private final ProgressLog log;

  /**
   * @param namespace where the node lives
   * @param declared the node's declaration, or null when the POM does not declare it
   * @param stickyKey what a sticky load balance hashes: the build context, so that one project
   *     keeps returning to the pod that has its cache
   */
  KubernetesDriver(BuilderBootstrap builder, String name, String namespace, NodeSpec declared, ClusterAccess cluster,
      String stickyKey, ProgressLog log) {
    this.builder = builder;
    this.name = name;
    this.namespace = namespace;
    this.declared = declared;
    this.cluster = cluster;
    this.stickyKey = stickyKey;
    this.log = log;
  }

  @Override
  public String name() {
    return name;
  }

  /** The platforms the workload stores: append may have moved some to another node since the POM was written. */
  @Override
  public List<Platform> platforms() {
    return state().map(NodeState::platforms).orElseGet(() -> declared == null ? List.of() : declared.platforms());
  }

  @Override
  public DriverFeatures features() {
    boolean defaultLoad = declared != null ? declared.options().defaultLoad()
        : Boolean.parseBoolean(stored(KubernetesOption.DEFAULT_LOAD.key()));
    boolean containerd = declared != null ? declared.options().containerdWorker()
        : Worker.CONTAINERD.optionValue().equals(stored(KubernetesOption.WORKER.key()));
    return new DriverFeatures(true, defaultLoad, containerd);
  }

  /** A pod's hostname is its name, which is what its daemon's workers report. */
  @Override
  public Optional<ClusterPlacement> placement(String hostname, List<String> images) {
    return Optional.of(ImagePlacement.find(cluster.client(), namespace, hostname, images));
  }

  @Override
  public BuildkitdConfig buildkitdConfig() {
    return declared == null ? BuildkitdConfig.NONE : declared.config();
  }

  /**
   * What the workload stores, as create applied it; for a declared node that does not exist yet,
   * what create would apply.
   */
  @Override
  public DriverDescription describe() {
    Optional<NodeState> node = state();
    SortedMap<String, String> spec = node.map(NodeState::spec)
        .orElseGet(() -> declared == null ? new TreeMap<>() : WorkloadRenderer.spec(declared));
    Map<String, String> options = new TreeMap<>(spec);
    options.remove(WorkloadRenderer.SPEC_PLATFORMS);
    options.remove(WorkloadRenderer.SPEC_BUILDKITD_FLAGS);
    options.keySet().removeIf(key -> key.startsWith(WorkloadRenderer.SPEC_CONFIG_PREFIX));
    String flags = spec.getOrDefault(WorkloadRenderer.SPEC_BUILDKITD_FLAGS, "");
    List<String> configFiles = spec.keySet().stream()
        .filter(key -> key.startsWith(WorkloadRenderer.SPEC_CONFIG_PREFIX))
        .map(key -> key.substring(WorkloadRenderer.SPEC_CONFIG_PREFIX.length()))
        .toList();
    String endpoint = node.map(BuilderTable::endpoint)
        .orElseGet(() -> BuilderTable.endpoint(builder.name(), BuilderNames.objectName(name), namespace));
    List<DriverDescription.Pod> pods = node.map(NodeState::pods).orElse(List.of()).stream()
        .map(pod -> new DriverDescription.Pod(pod.name(), podStatus(pod), pod.ready()))
        .toList();
    return new DriverDescription("kubernetes", endpoint, options,
        flags.isBlank() ? List.of() : List.of(flags.trim().split(" +")), configFiles, pods);
  }

  private static String podStatus(PodState pod) {
    if (pod.terminating()) {
      return "terminating";
    }
    return pod.phase() == null ? "unknown" : pod.phase().toLowerCase(Locale.ROOT);
  }

  @Override
  public DriverStatus info() {
    return state().map(node -> node.status().equals("running") ? DriverStatus.RUNNING : DriverStatus.STOPPED)
        .orElse(DriverStatus.INACTIVE);
  }

  /**
   * Applies the builder's declaration. A node the POM does not declare is used as it is: only
   * {@code kbuildx:create} with its settings could start it.
   */
  @Override
  public void bootstrap() {
    if (declared != null) {
      builder.bootstrap();
    }
  }

  /** Builds that run at the same time and land on the same pod share one {@code dial-stdio} connection. */
  @Override
  public ConnectedDaemon dial(Duration connectTimeout) {
    NodeState node = state().orElseThrow(() -> new KbuildxException("node \"" + name + "\" of builder \""
        + builder.name() + "\" was not found in namespace \"" + namespace + "\"; create it with kbuildx:create"));
    String pod = PodExecConnector.choosePod(cluster.client(), namespace, node.objectName(),
        PodChooser.of(loadBalance()), stickyKey);
    return SharedConnections.JVM.lease("kubernetes " + namespace + "/" + pod, () -> dial(pod, connectTimeout));
  }

  /**
   * The connection outlives this build when other builds share it (the modules of {@code mvn -T}),
   * and it execs through the cluster client as long as it lives, so it holds a share of that
   * client of its own, released when the connection closes.
   */
  private ConnectedDaemon dial(String pod, Duration connectTimeout) {
    ClusterAccess own = cluster.share();
    try {
      return ConnectedDaemon.handshake(StreamChannels.open(PodExecConnector.forPod(own.client(), namespace, pod, log)),
          "kubernetes builder " + builder.name() + " node " + name, null, connectTimeout).closingAlso(own);
    } catch (RuntimeException e) {
      own.close();
      throw e;
    }
  }

  private LoadBalance loadBalance() {
    if (declared != null) {
      return declared.options().loadBalance();
    }
    String stored = stored(KubernetesOption.LOAD_BALANCE.key());
    for (LoadBalance mode : LoadBalance.values()) {
      if (mode.optionValue().equals(stored)) {
        return mode;
      }
    }
    return LoadBalance.STICKY;
  }

  private String stored(String key) {
    return state().map(node -> node.spec().get(key)).orElse(null);
  }

  private Optional<NodeState> state() {
    return builder.node(name, namespace);
  }
}
