package dev.kbuildx.real;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kbuildx.ClusterApiException;
import dev.kbuildx.KbuildxException;
import dev.kbuildx.buildkit.BuildkitdConfig;
import dev.kbuildx.driver.kubernetes.BuilderSpec;
import dev.kbuildx.driver.kubernetes.ClusterAccess;
import dev.kbuildx.driver.kubernetes.KubernetesBuilders;
import dev.kbuildx.driver.kubernetes.KubernetesOptionsBuilder;
import dev.kbuildx.driver.kubernetes.NodeSpec;
import dev.kbuildx.driver.kubernetes.PodExecConnector;
import dev.kbuildx.platform.Platform;
import dev.kbuildx.progress.CollectingLog;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kubernetes API faults a user meets, on the real cluster: an API server that refuses or never
 * answers, a namespace that does not exist, a user without rights. Each message is asserted whole.
 */
class KubernetesApiFaultsRealTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(3);
  /** Scheduling slack on a busy machine; the limit itself is what is checked. */
  private static final Duration MARGIN = Duration.ofSeconds(3);
  private static final String WHAT_TO_DO = ". Check that the cluster is running and that the kubeconfig names its"
      + " address (kubectl cluster-info shows it); on a slow network raise -Dkbuildx.connectTimeout (seconds). See the"
      + " troubleshooting page of the kbuildx documentation, troubleshooting.html.";
  private static final String RBAC = "; the RBAC page of the kbuildx documentation, rbac.html, lists the Role each"
      + " goal needs";

  @TempDir Path dir;

  @Test
  void aClosedPortFailsWithinTheConnectTimeoutNamingServerContextAndKubeconfig() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    String server = "https://127.0.0.1:" + closedPort + "/";
    Path kubeconfig = writeKubeconfig(server);
    CollectingLog log = new CollectingLog();

    long start = System.nanoTime();
    assertThatThrownBy(() -> ClusterAccess.connect(kubeconfig, null, TIMEOUT, log))
        .isInstanceOf(ClusterApiException.class)
        .hasMessage("cannot reach the Kubernetes API server " + server + " (context \"" + context() + "\", kubeconfig "
            + kubeconfig + "): connection refused, retried for 3 s" + WHAT_TO_DO);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.plus(MARGIN));
    assertThat(log.messages()).as("every retry is logged").isNotEmpty().allMatch(line -> line.matches(
        "Kubernetes API server \\Q" + server + "\\E not reached \\(connection refused, attempt \\d+\\);"
            + " trying again in \\d+ ms"));
  }

  @Test
  void aServerThatNeverAnswersFailsAtTheConnectTimeout() throws IOException {
    // Accepts connections (the backlog does) but never reads or writes.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      String server = "https://127.0.0.1:" + silent.getLocalPort() + "/";
      Path kubeconfig = writeKubeconfig(server);

      long start = System.nanoTime();
      assertThatThrownBy(() -> ClusterAccess.connect(kubeconfig, null, TIMEOUT, new CollectingLog()))
          .isInstanceOf(ClusterApiException.class)
          .hasMessage("cannot reach the Kubernetes API server " + server + " (context \"" + context()
              + "\", kubeconfig " + kubeconfig + "): timed out after 3 s" + WHAT_TO_DO);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(took).isGreaterThanOrEqualTo(TIMEOUT).isLessThan(TIMEOUT.plus(MARGIN));
    }
  }

  @Test
  void aNamespaceThatDoesNotExistIsNamedWithTheCluster() {
    try (RealCluster cluster = RealCluster.require();
        ClusterAccess access = ClusterAccess.connect(cluster.kubeconfig(), null, TIMEOUT, new CollectingLog())) {
      String missing = "kbuildx-test-missing-" + Long.toHexString(System.nanoTime());
      KubernetesBuilders builders = new KubernetesBuilders(access, new CollectingLog());

      assertThatThrownBy(() -> builders.create(spec("faults", "amd"), missing, false))
          .isInstanceOf(KbuildxException.class)
          .hasMessage("could not apply node amd of builder \"faults\" in namespace \"" + missing + "\": namespace \""
              + missing + "\" does not exist in cluster " + cluster.client().getMasterUrl() + " (context \""
              + context() + "\", kubeconfig " + cluster.kubeconfig() + "); create it with kubectl create namespace "
              + missing + ", or name an existing one with -Dkbuildx.namespace or the node's namespace driver option");
      assertThat(cluster.client().namespaces().withName(missing).get()).as("nothing was created").isNull();
    }
  }

  @Test
  void everyGoalNamesTheRefusedPermissionOnceWithTheRbacPage() {
    try (FreshNamespace namespace = FreshNamespace.create("rbac", dir)) {
      String ns = namespace.name();
      RestrictedUser nobody = RestrictedUser.create(namespace.cluster(), ns, "nobody", dir.resolve("nobody"));
      try (ClusterAccess access = ClusterAccess.connect(nobody.kubeconfig(), null, TIMEOUT, new CollectingLog())) {
        KubernetesBuilders builders = new KubernetesBuilders(access, new CollectingLog());
        String user = "User \"system:serviceaccount:" + ns + ":nobody\"";
        String listDeployments = "permission denied: " + user + " cannot list resource \"deployments\" in API group"
            + " \"apps\" in the namespace \"" + ns + "\"" + RBAC;

        assertThatThrownBy(() -> builders.list(null, false)).as("ls")
            .hasMessage("could not read the builders in namespace \"" + ns + "\": " + listDeployments);
        assertThatThrownBy(() -> builders.existingNodes("faults", null)).as("build and append")
            .hasMessage("could not read the nodes of builder \"faults\" in namespace \"" + ns + "\": "
                + listDeployments);
        assertThatThrownBy(() -> builders.remove("faults", null, null, false)).as("rm")
            .hasMessage("could not remove builder \"faults\" in namespace \"" + ns + "\": " + listDeployments);
        assertThatThrownBy(() -> builders.create(spec("faults", "amd"), null, false)).as("create")
            .hasMessage("could not apply node amd of builder \"faults\" in namespace \"" + ns + "\": permission"
                + " denied: " + user + " cannot get resource \"deployments\" in API group \"apps\" in the namespace \""
                + ns + "\"" + RBAC);
        assertThatThrownBy(() -> PodExecConnector.forPod(access.client(), ns, "faults-0", new CollectingLog()).open())
            .as("the connection of a build")
            .hasMessage("cannot run buildctl dial-stdio in pod faults-0 (container buildkitd, namespace " + ns
                + "): permission denied: " + user + " cannot get resource \"pods\" in API group \"\" in the namespace \""
                + ns + "\"" + RBAC);
      }
    }
  }

  private Path writeKubeconfig(String server) {
    try (RealCluster cluster = RealCluster.require()) {
      return cluster.writeKubeconfigWithServer(dir.resolve("kubeconfig"), server);
    }
  }

  private static String context() {
    try (RealCluster cluster = RealCluster.require()) {
      return KubeConfigUtils.parseConfig(cluster.kubeconfig().toFile()).getCurrentContext();
    }
  }

  private static BuilderSpec spec(String builder, String node) {
    return new BuilderSpec(builder, List.of(new NodeSpec(node, List.of(Platform.parse("linux/amd64", "platforms")),
        new KubernetesOptionsBuilder().setAll(Map.of()).build(), List.of(), BuildkitdConfig.NONE)));
  }
}
