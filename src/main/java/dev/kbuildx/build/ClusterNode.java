package dev.kbuildx.build;

import dev.kbuildx.driver.kubernetes.BuildkitdConfig;
import dev.kbuildx.driver.kubernetes.ClusterAccess;
import dev.kbuildx.driver.kubernetes.LoadBalance;
import dev.kbuildx.driver.kubernetes.PodChooser;
import dev.kbuildx.driver.kubernetes.PodExecConnector;
import dev.kbuildx.platform.Platform;
import dev.kbuildx.progress.ProgressLog;
import dev.kbuildx.transport.StreamChannels;
import java.util.List;

/**
 * A node of a Kubernetes builder, reached by {@code buildctl dial-stdio} in one of its pods, which
 * the node's load balance picks.
 *
 * @param stickyKey what a sticky load balance hashes: the build context, so that one project
 *     keeps returning to the pod that has its cache
 * @param buildkitdConfig the node's declared config, {@link BuildkitdConfig#NONE} when the POM declares none
 */
public record ClusterNode(String builder, String name, List<Platform> platforms, ClusterAccess cluster,
    String namespace, String workload, LoadBalance loadBalance, boolean defaultLoad, String stickyKey, ProgressLog log,
    BuildkitdConfig buildkitdConfig) implements BuildNode {

  public ClusterNode {
    platforms = List.copyOf(platforms);
  }

  /** Builds that run at the same time and land on the same pod share one {@code dial-stdio} connection. */
  @Override
  public ConnectedDaemon connect() {
    String pod = PodExecConnector.choosePod(cluster.client(), namespace, workload, PodChooser.of(loadBalance),
        stickyKey);
    return SharedConnections.JVM.lease("kubernetes " + namespace + "/" + pod, () -> dial(pod));
  }

  /**
   * The connection outlives this build when other builds share it (the modules of {@code mvn -T}),
   * and it execs through the cluster client as long as it lives, so it holds a share of that
   * client of its own, released when the connection closes.
   */
  private ConnectedDaemon dial(String pod) {
    ClusterAccess own = cluster.share();
    try {
      return ConnectedDaemon.handshake(StreamChannels.open(PodExecConnector.forPod(own.client(), namespace, pod, log)),
          "kubernetes builder " + builder + " node " + name, null).closingAlso(own);
    } catch (RuntimeException e) {
      own.close();
      throw e;
    }
  }
}
