package dev.kbuildx.build;

import dev.kbuildx.KbuildxException;
import dev.kbuildx.builder.NodeSpec;
import dev.kbuildx.builder.NodeState;
import dev.kbuildx.buildkit.ByteStreamConnector;
import dev.kbuildx.buildkit.ControlClient;
import dev.kbuildx.buildkit.DaemonFeatures;
import dev.kbuildx.buildkit.StreamChannels;
import dev.kbuildx.driver.docker.DockerEngineConnector;
import dev.kbuildx.driver.kubernetes.ClusterAccess;
import dev.kbuildx.driver.kubernetes.KubernetesBuilders;
import dev.kbuildx.driver.kubernetes.KubernetesOptionKeys;
import dev.kbuildx.driver.kubernetes.LoadBalance;
import dev.kbuildx.driver.kubernetes.PodChooser;
import dev.kbuildx.driver.kubernetes.PodExecConnector;
import dev.kbuildx.progress.ProgressLog;
import io.grpc.ManagedChannel;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Opens the connection to the daemon a {@link DaemonChoice} names, bootstrapping a declared builder first. */
public final class DaemonConnector {
  private final Map<String, String> environment;
  private final Supplier<ClusterAccess> cluster;
  private final String namespace;
  private final ProgressLog log;

  /**
   * @param environment where the Docker Engine is found ({@code DOCKER_HOST} and its TLS variables)
   * @param cluster connects to the cluster; only called for a Kubernetes builder
   * @param namespace the builder's namespace, or null for the kube context's
   */
  public DaemonConnector(Map<String, String> environment, Supplier<ClusterAccess> cluster, String namespace,
      ProgressLog log) {
    this.environment = environment;
    this.cluster = cluster;
    this.namespace = namespace;
    this.log = log;
  }

  /** @param stickyKey what a sticky load balance hashes: the absolute path of the build context */
  public ConnectedDaemon connect(DaemonChoice choice, String stickyKey) {
    if (choice instanceof DaemonChoice.StandingDaemon standing) {
      return handshake(standing.endpoint().openChannel(), false, "remote " + standing.endpoint(), List.of());
    }
    if (choice instanceof DaemonChoice.ClusterBuilder builder) {
      return connectToCluster(builder, stickyKey);
    }
    return connectToEngine();
  }

  private ConnectedDaemon connectToEngine() {
    DockerEngineConnector engine = DockerEngineConnector.fromEnvironment(environment);
    ManagedChannel channel = StreamChannels.open(engine);
    try {
      return handshake(channel, true, "docker-engine " + engine.endpoint(), List.of());
    } catch (KbuildxException e) {
      throw new KbuildxException("No builder is configured and the Docker Engine at " + engine.endpoint()
          + " cannot build (" + e.getMessage() + "). Start the engine or set DOCKER_HOST, declare the builder's"
          + " <nodes>, name an existing builder with -Dkbuildx.builder, or a standing BuildKit daemon with"
          + " -Dkbuildx.endpoint", e);
    }
  }

  private ConnectedDaemon connectToCluster(DaemonChoice.ClusterBuilder builder, String stickyKey) {
    ClusterAccess access = cluster.get();
    try {
      KubernetesBuilders builders = new KubernetesBuilders(access, log);
      List<NodeState> nodes = builders.existingNodes(builder.name(), namespace);
      if (builder.declared() != null && !allRunning(builder, nodes)) {
        log.info("builder " + builder.name() + " is missing or not ready; bootstrapping it");
        builders.create(builder.declared(), namespace, true);
        nodes = builders.existingNodes(builder.name(), namespace);
      }
      NodeState node = firstNode(builder, nodes);
      PodExecConnector connector = PodExecConnector.forNode(access.client(), node.namespace(), node.objectName(),
          PodChooser.of(loadBalance(builder, node)), stickyKey, log);
      return handshake(StreamChannels.open(connector), false,
          "kubernetes builder " + builder.name() + " node " + node.node(), List.of(access));
    } catch (RuntimeException e) {
      access.close();
      throw e;
    }
  }

  /** Every declared node exists and has a ready pod. */
  private static boolean allRunning(DaemonChoice.ClusterBuilder builder, List<NodeState> nodes) {
    return builder.declared().nodes().stream().allMatch(declared -> nodes.stream()
        .anyMatch(node -> node.node().equals(declared.name()) && node.status().equals("running")));
  }

  /** The first declared node, else the builder's first node by name: one node runs the whole build. */
  private NodeState firstNode(DaemonChoice.ClusterBuilder builder, List<NodeState> nodes) {
    if (nodes.isEmpty()) {
      throw new KbuildxException("builder \"" + builder.name() + "\" was not found in namespace "
          + (namespace == null ? "of the kube context" : "\"" + namespace + "\"") + "; create it with kbuildx:create,"
          + " declare its <nodes> in the POM, or name its namespace with -Dkbuildx.namespace");
    }
    Optional<String> declaredFirst = builder.declared() == null
        ? Optional.empty() : Optional.of(builder.declared().nodes().get(0).name());
    return declaredFirst.flatMap(name -> nodes.stream().filter(node -> node.node().equals(name)).findFirst())
        .orElseGet(() -> nodes.stream().min(Comparator.comparing(NodeState::node)).orElseThrow());
  }

  private static LoadBalance loadBalance(DaemonChoice.ClusterBuilder builder, NodeState node) {
    if (builder.declared() != null) {
      for (NodeSpec spec : builder.declared().nodes()) {
        if (spec.name().equals(node.node())) {
          return spec.options().loadBalance();
        }
      }
    }
    String stored = node.spec().get(KubernetesOptionKeys.LOAD_BALANCE);
    for (LoadBalance mode : LoadBalance.values()) {
      if (mode.optionValue().equals(stored)) {
        return mode;
      }
    }
    return LoadBalance.STICKY;
  }

  private static ConnectedDaemon handshake(ManagedChannel channel, boolean dockerEngine, String description,
      List<AutoCloseable> resources) {
    try {
      DaemonFeatures features = DaemonFeatures.of(new ControlClient(channel).info(), dockerEngine);
      return new ConnectedDaemon(channel, features, description, resources);
    } catch (RuntimeException e) {
      channel.shutdownNow();
      throw e;
    }
  }
}
