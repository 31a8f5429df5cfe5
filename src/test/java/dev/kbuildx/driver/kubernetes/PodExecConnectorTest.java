package dev.kbuildx.driver.kubernetes;

import dev.kbuildx.progress.CollectingLog;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kbuildx.KbuildxException;
import dev.kbuildx.transport.ByteStream;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.ErrorStreamMessage;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.server.mock.OutputStreamMessage;
import io.fabric8.kubernetes.client.server.mock.StatusStreamMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient
class PodExecConnectorTest {
  private static final String EXEC = "/api/v1/namespaces/ci/pods/kube0-a/exec"
      + "?command=buildctl&command=dial-stdio&container=buildkitd&stdin=true&stdout=true&stderr=true";

  KubernetesMockServer server;
  KubernetesClient client;
  private final CollectingLog log = new CollectingLog();

  /** fabric8 reads the pod before an exec, to check that the container exists. */
  @BeforeEach
  void existingPod() {
    server.expect().get().withPath("/api/v1/namespaces/ci/pods/kube0-a").andReturn(200, pod("kube0-a", "Running")).always();
    server.expect().get().withPath("/api/v1/namespaces/ci/pods?fieldSelector=metadata.name%3Dkube0-a")
        .andReturn(200, new PodListBuilder().withItems(pod("kube0-a", "Running")).build()).always();
  }

  @Test
  void theCommandsStdoutIsTheStream() throws IOException {
    server.expect().withPath(EXEC).andUpgradeToWebSocket()
        .open(new OutputStreamMessage("daemon bytes"))
        .waitFor(200).andEmit(new StatusStreamMessage(0))
        .done().once();

    try (ByteStream stream = PodExecConnector.forPod(client, "ci", "kube0-a", log).open()) {
      assertThat(new String(stream.input().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("daemon bytes");
    }
  }

  @Test
  void aFailingDialStdioEndsTheStreamWithItsErrorOutput() {
    server.expect().withPath(EXEC).andUpgradeToWebSocket()
        .open(new ErrorStreamMessage("dial unix /run/buildkit/buildkitd.sock: connect: no such file or directory\n"))
        .waitFor(200).andEmit(new StatusStreamMessage(1))
        .done().once();

    assertThatThrownBy(() -> {
      try (ByteStream stream = PodExecConnector.forPod(client, "ci", "kube0-a", log).open()) {
        stream.input().readAllBytes();
      }
    })
        .isInstanceOf(IOException.class)
        .hasMessage("buildctl dial-stdio in pod kube0-a exited with code 1: "
            + "dial unix /run/buildkit/buildkitd.sock: connect: no such file or directory");
    // Stderr is logged by the exec's reader thread, which may finish just after the stream ended.
    String line = "DEBUG pod kube0-a: dial unix /run/buildkit/buildkitd.sock: connect: no such file or directory";
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!log.lines.contains(line) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(log.lines).contains(line);
  }

  @Test
  void aForbiddenExecNamesThePodAndThePermissionAndIsNotRetried() {
    server.expect().withPath(EXEC).andReturn(403, new StatusBuilder()
        .withStatus("Failure").withReason("Forbidden").withCode(403)
        .withMessage("pods \"kube0-a\" is forbidden: User \"ci-bot\" cannot create resource \"pods/exec\"")
        .build()).always();

    assertThatThrownBy(() -> PodExecConnector.forPod(client, "ci", "kube0-a", log).open())
        .isInstanceOf(IOException.class)
        .hasMessageContaining("cannot run buildctl dial-stdio in pod kube0-a (container buildkitd, namespace ci)")
        .hasMessageContaining("permission denied: the Kubernetes API answered HTTP 403")
        .hasMessageContaining("RBAC permission to get pods and to create and get pods/exec in namespace ci");
    assertThat(log.messages()).isEmpty();
  }

  @Test
  void refusedConnectionsAreRetriedWithGrowingPausesThenReported() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    List<Duration> pauses = new CopyOnWriteArrayList<>();
    try (KubernetesClient unreachable = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
        .withMasterUrl("http://127.0.0.1:" + closedPort).withRequestRetryBackoffLimit(0).build()).build()) {
      PodExecConnector connector = new PodExecConnector(unreachable, "ci", "pod kube0-a in namespace ci",
          () -> "kube0-a", log, pauses::add);

      assertThatThrownBy(connector::open)
          .isInstanceOf(IOException.class)
          .hasMessageStartingWith("failed to connect to pod kube0-a in namespace ci after 5 attempts: ");
    }
    assertThat(pauses).containsExactly(
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    assertThat(log.messages()).hasSize(4).allMatch(line -> line.startsWith("Transient connection error to pod kube0-a"));
  }

  @Test
  void aNodeConnectsToOneOfItsRunningPods() throws IOException {
    server.expect().get().withPath("/api/v1/namespaces/ci/pods?labelSelector=app%3Dkube0")
        .andReturn(200, new PodListBuilder().withItems(pod("kube0-a", "Running"), pod("kube0-b", "Pending")).build())
        .always();
    server.expect().withPath(EXEC).andUpgradeToWebSocket()
        .open(new OutputStreamMessage("from a"))
        .waitFor(200).andEmit(new StatusStreamMessage(0))
        .done().once();
    PodExecConnector connector = PodExecConnector.forNode(client, "ci", "kube0", PodChooser.of(LoadBalance.RANDOM), "", log);

    try (ByteStream stream = connector.open()) {
      assertThat(new String(stream.input().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("from a");
    }
    assertThat(connector.endpoint()).isEqualTo("node kube0 in namespace ci");
  }

  @Test
  void aNodeWithoutRunningPodsIsReported() {
    server.expect().get().withPath("/api/v1/namespaces/ci/pods?labelSelector=app%3Dkube0")
        .andReturn(200, new PodListBuilder().withItems(pod("kube0-b", "Pending")).build())
        .always();

    assertThatThrownBy(() -> PodExecConnector.forNode(client, "ci", "kube0", PodChooser.of(LoadBalance.STICKY), "/src", log).open())
        .isInstanceOf(KbuildxException.class)
        .hasMessageContaining("no running buildkit pods found for node kube0 in namespace ci");
  }

  private static io.fabric8.kubernetes.api.model.Pod pod(String name, String phase) {
    return new PodBuilder().withNewMetadata().withName(name).withNamespace("ci").addToLabels("app", "kube0").endMetadata()
        .withNewSpec().addNewContainer().withName("buildkitd").endContainer().endSpec()
        .withNewStatus().withPhase(phase).endStatus().build();
  }
}
