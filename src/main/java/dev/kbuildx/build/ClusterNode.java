package dev.kbuildx.build;

import dev.kbuildx.buildkit.StreamChannels;
import dev.kbuildx.driver.kubernetes.LoadBalance;
import dev.kbuildx.driver.kubernetes.PodChooser;
import dev.kbuildx.driver.kubernetes.PodExecConnector;
import dev.kbuildx.platform.Platform;
import dev.kbuildx.progress.ProgressLog;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.grpc.ManagedChannel;
import java.util.List;

/**
 * A node of a Kubernetes builder, reached by {@code buildctl dial-stdio} in one of its pods, which
 * the node's load balance picks.
 *
 * @param stickyKey what a sticky load balance hashes: the build context, so that one project
 *     keeps returning to the pod that has its cache
 */
public record ClusterNode(String builder, String name, List<Platform> platforms, KubernetesClient client,
    String namespace, String workload, LoadBalance loadBalance, boolean defaultLoad, String stickyKey, ProgressLog log)
    implements BuildNode {

  public ClusterNode {
    platforms = List.copyOf(platforms);
  }

  @Override
  public ConnectedDaemon connect() {
    PodExecConnector connector = PodExecConnector.forNode(client, namespace, workload, PodChooser.of(loadBalance),
        stickyKey, log);
    ManagedChannel channel = StreamChannels.open(connector);
    return ConnectedDaemon.handshake(channel, "kubernetes builder " + builder + " node " + name, null);
  }
}
