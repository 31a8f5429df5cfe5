package dev.kbuildx.driver.choice;

import dev.kbuildx.driver.BuilderNodes;
import dev.kbuildx.driver.Driver;
import dev.kbuildx.driver.docker.DockerDriver;
import dev.kbuildx.driver.kubernetes.ClusterAccess;
import dev.kbuildx.driver.kubernetes.KubernetesDrivers;
import dev.kbuildx.driver.remote.RemoteDriver;
import dev.kbuildx.progress.ProgressLog;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Finds the nodes of the builder a {@link DaemonChoice} names, bootstrapping a declared Kubernetes builder first. */
public final class DaemonConnector {
  /** The node name of a builder that is one daemon, as buildx names its default builder's node. */
  static final String SINGLE_NODE = "default";

  private final Map<String, String> environment;
  private final Supplier<ClusterAccess> cluster;
  private final String namespace;
  private final Duration connectTimeout;
  private final ProgressLog log;

  /**
   * @param environment where the Docker Engine is found ({@code DOCKER_HOST} and its TLS variables)
   * @param cluster connects to the cluster; only called for a Kubernetes builder
   * @param namespace the builder's namespace, or null for the kube context's
   * @param connectTimeout how long reaching a node's daemon may take
   */
  public DaemonConnector(Map<String, String> environment, Supplier<ClusterAccess> cluster, String namespace,
      Duration connectTimeout, ProgressLog log) {
    this.environment = environment;
    this.cluster = cluster;
    this.namespace = namespace;
    this.connectTimeout = connectTimeout;
    this.log = log;
  }

  /**
   * The builder's nodes in the builder's order, each bootstrapped when its driver says it must be.
   * Nothing is dialled yet, except the cluster.
   *
   * @param stickyKey what a sticky load balance hashes: the absolute path of the build context
   */
  public BuilderNodes nodes(DaemonChoice choice, String stickyKey) {
    return nodes(choice, stickyKey, nodes -> { });
  }

  /**
   * @param beforeBootstrap checks the build's settings against the nodes before any of them is started,
   *     so that a build the nodes cannot do changes nothing in the cluster
   */
  public BuilderNodes nodes(DaemonChoice choice, String stickyKey, Consumer<List<Driver>> beforeBootstrap) {
    BuilderNodes nodes = drivers(choice, stickyKey);
    try {
      beforeBootstrap.accept(nodes.nodes());
    } catch (RuntimeException e) {
      nodes.close();
      throw e;
    }
    return nodes.bootstrapped();
  }

  /**
   * The builder's nodes in the builder's order as they are: a node that does not run stays down, for
   * the goals that look after a builder without building on it.
   */
  public BuilderNodes drivers(DaemonChoice choice, String stickyKey) {
    if (choice instanceof DaemonChoice.StandingDaemon standing) {
      return new BuilderNodes(List.of(new RemoteDriver(SINGLE_NODE, List.of(), standing.endpoint(),
          standing.defaultLoad())), List.of(), connectTimeout);
    }
    if (choice instanceof DaemonChoice.DeclaredNodes declared) {
      return new BuilderNodes(declared.nodes(), List.of(), connectTimeout);
    }
    if (choice instanceof DaemonChoice.ClusterBuilder builder) {
      return clusterNodes(builder, stickyKey);
    }
    return new BuilderNodes(List.of(new DockerDriver(SINGLE_NODE, List.of(), environment, true)), List.of(), connectTimeout);
  }

  private BuilderNodes clusterNodes(DaemonChoice.ClusterBuilder builder, String stickyKey) {
    ClusterAccess access = cluster.get();
    try {
      return new BuilderNodes(KubernetesDrivers.forBuild(access, builder.name(), builder.declared(), namespace,
          stickyKey, log), List.of(access), connectTimeout);
    } catch (RuntimeException e) {
      access.close();
      throw e;
    }
  }
}
