package dev.kbuildx.build;

import dev.kbuildx.KbuildxException;
import dev.kbuildx.driver.kubernetes.BuilderSpec;
import dev.kbuildx.driver.kubernetes.BuildkitdConfig;
import dev.kbuildx.driver.kubernetes.ClusterAccess;
import dev.kbuildx.driver.kubernetes.KubernetesBuilders;
import dev.kbuildx.driver.kubernetes.KubernetesOption;
import dev.kbuildx.driver.kubernetes.LoadBalance;
import dev.kbuildx.driver.kubernetes.NodeSpec;
import dev.kbuildx.driver.kubernetes.NodeState;
import dev.kbuildx.progress.ProgressLog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Finds the nodes of the builder a {@link DaemonChoice} names, bootstrapping a declared Kubernetes builder first. */
public final class DaemonConnector {
  /** The node name of a builder that is one daemon, as buildx names its default builder's node. */
  static final String SINGLE_NODE = "default";

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

  /**
   * The builder's nodes in the builder's order. Nothing is dialled yet, except the cluster.
   *
   * @param stickyKey what a sticky load balance hashes: the absolute path of the build context
   */
  public BuilderNodes nodes(DaemonChoice choice, String stickyKey) {
    if (choice instanceof DaemonChoice.StandingDaemon standing) {
      return new BuilderNodes(List.of(new StandingNode(SINGLE_NODE, List.of(), standing.endpoint(),
          standing.defaultLoad())), List.of());
    }
    if (choice instanceof DaemonChoice.DeclaredNodes declared) {
      return new BuilderNodes(declared.nodes(), List.of());
    }
    if (choice instanceof DaemonChoice.ClusterBuilder builder) {
      return clusterNodes(builder, stickyKey);
    }
    return new BuilderNodes(List.of(new EngineNode(SINGLE_NODE, List.of(), environment, true)), List.of());
  }

  private BuilderNodes clusterNodes(DaemonChoice.ClusterBuilder builder, String stickyKey) {
    ClusterAccess access = cluster.get();
    try {
      KubernetesBuilders builders = new KubernetesBuilders(access, log);
      List<NodeState> nodes = existingNodes(builders, builder);
      if (builder.declared() != null && !allRunning(builders, builder.declared(), nodes)) {
        log.info("builder " + builder.name() + " is missing or not ready; bootstrapping it");
        builders.create(builder.declared(), namespace, true);
        nodes = existingNodes(builders, builder);
      }
      List<BuildNode> buildNodes = new ArrayList<>();
      for (NodeState node : inBuilderOrder(builder, nodes)) {
        buildNodes.add(new ClusterNode(builder.name(), node.node(), node.platforms(), access,
            node.namespace(), node.objectName(), loadBalance(builder, node), defaultLoad(builder, node), stickyKey, log,
            declaredSpec(builder, node).map(NodeSpec::config).orElse(BuildkitdConfig.NONE)));
      }
      return new BuilderNodes(buildNodes, List.of(access));
    } catch (RuntimeException e) {
      access.close();
      throw e;
    }
  }

  /** A declared builder's nodes are where their own {@code namespace} driver option puts them, as create does. */
  private List<NodeState> existingNodes(KubernetesBuilders builders, DaemonChoice.ClusterBuilder builder) {
    return builder.declared() == null ? builders.existingNodes(builder.name(), namespace)
        : builders.existingNodes(builder.declared(), namespace);
  }

  /** Every declared node exists in its namespace and has a ready pod. */
  private boolean allRunning(KubernetesBuilders builders, BuilderSpec declared, List<NodeState> nodes) {
    return declared.nodes().stream().allMatch(spec -> nodes.stream()
        .anyMatch(node -> node.node().equals(spec.name())
            && node.namespace().equals(builders.nodeNamespace(spec, namespace))
            && node.status().equals("running")));
  }

  /** Declared nodes in declaration order, then any others by name: the first node builds unmatched platforms. */
  private List<NodeState> inBuilderOrder(DaemonChoice.ClusterBuilder builder, List<NodeState> nodes) {
    if (nodes.isEmpty()) {
      throw new KbuildxException("builder \"" + builder.name() + "\" was not found in namespace "
          + (namespace == null ? "of the kube context" : "\"" + namespace + "\"") + "; create it with kbuildx:create,"
          + " declare its <nodes> in the POM, or name its namespace with -Dkbuildx.namespace");
    }
    List<String> declaredOrder = builder.declared() == null
        ? List.of() : builder.declared().nodes().stream().map(NodeSpec::name).toList();
    return nodes.stream()
        .sorted(Comparator.comparing((NodeState node) -> declaredOrder.contains(node.node())
                ? declaredOrder.indexOf(node.node()) : declaredOrder.size())
            .thenComparing(NodeState::node))
        .toList();
  }

  private static boolean defaultLoad(DaemonChoice.ClusterBuilder builder, NodeState node) {
    return declaredSpec(builder, node).map(spec -> spec.options().defaultLoad())
        .orElseGet(() -> Boolean.parseBoolean(node.spec().get(KubernetesOption.DEFAULT_LOAD.key())));
  }

  private static Optional<NodeSpec> declaredSpec(DaemonChoice.ClusterBuilder builder, NodeState node) {
    return builder.declared() == null ? Optional.empty()
        : builder.declared().nodes().stream().filter(spec -> spec.name().equals(node.node())).findFirst();
  }

  private static LoadBalance loadBalance(DaemonChoice.ClusterBuilder builder, NodeState node) {
    Optional<NodeSpec> declared = declaredSpec(builder, node);
    if (declared.isPresent()) {
      return declared.get().options().loadBalance();
    }
    String stored = node.spec().get(KubernetesOption.LOAD_BALANCE.key());
    for (LoadBalance mode : LoadBalance.values()) {
      if (mode.optionValue().equals(stored)) {
        return mode;
      }
    }
    return LoadBalance.STICKY;
  }
}
