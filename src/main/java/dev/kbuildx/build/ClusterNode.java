package dev.kbuildx.build;

import dev.kbuildx.builder.BuildkitdConfig;
import dev.kbuildx.buildkit.StreamChannels;
import dev.kbuildx.driver.kubernetes.LoadBalance;
import dev.kbuildx.driver.kubernetes.PodChooser;
import dev.kbuildx.driver.kubernetes.PodExecConnector;
import dev.kbuildx.platform.Platform;
import dev.kbuildx.progress.ProgressLog;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/**
 * A node of a Kubernetes builder, reached by {@code buildctl dial-stdio} in one of its pods, which
 * the node's load balance picks.
 *
 * @param stickyKey what a sticky load balance hashes: the build context, so that one project
 *     keeps returning to the pod that has its cache
 * @param buildkitdConfig the node's declared config, {@link BuildkitdConfig#NONE} when the POM declares none
 */
public record ClusterNode(String builder, String name, List<Platform> platforms, KubernetesClient client,
    String namespace, String workload, LoadBalance loadBalance, boolean defaultLoad, String stickyKey, ProgressLog log,
    BuildkitdConfig buildkitdConfig) implements BuildNode {

  public ClusterNode {
    platforms = List.copyOf(platforms);
  }

  /** Builds that run at the same time and land on the same pod share one {@code dial-stdio} connection. */
  @Override
  public ConnectedDaemon connect() {
    String pod = PodExecConnector.choosePod(client, namespace, workload, PodChooser.of(loadBalance), stickyKey);
    return SharedConnections.JVM.lease("kubernetes " + namespace + "/" + pod, () -> ConnectedDaemon.handshake(
        StreamChannels.open(PodExecConnector.forPod(client, namespace, pod, log)),
        "kubernetes builder " + builder + " node " + name, null));
  }
}
