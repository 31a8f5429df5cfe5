package dev.kbuildx.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kbuildx.buildkit.BuildkitdConfig;
import dev.kbuildx.buildkit.ControlClient;
import dev.kbuildx.buildkit.WorkerInfo;
import dev.kbuildx.driver.kubernetes.BuilderSpec;
import dev.kbuildx.driver.kubernetes.BuilderTable;
import dev.kbuildx.driver.kubernetes.ClusterAccess;
import dev.kbuildx.driver.kubernetes.DaemonStatus;
import dev.kbuildx.driver.kubernetes.KubernetesBuilders;
import dev.kbuildx.driver.kubernetes.KubernetesOptionsBuilder;
import dev.kbuildx.driver.kubernetes.NodeSpec;
import dev.kbuildx.driver.kubernetes.NodeState;
import dev.kbuildx.driver.kubernetes.PodAddress;
import dev.kbuildx.driver.kubernetes.PodExecConnector;
import dev.kbuildx.driver.kubernetes.PodState;
import dev.kbuildx.driver.kubernetes.PodStatusQuery;
import dev.kbuildx.engine.TestEngine;
import dev.kbuildx.platform.Platform;
import dev.kbuildx.progress.CollectingLog;
import dev.kbuildx.transport.StreamChannels;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.grpc.ManagedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pod path end to end: a builder created in the mock cluster gets a pod whose
 * {@code buildctl dial-stdio} reaches the real BuildKit of the test engine.
 */
class ExecToEngineTest {
  private static final String BUILDER = "podpath";
  private static final String NAMESPACE = MockKubeconfig.NAMESPACE;
  private static final CollectingLog TEST_LOG = new CollectingLog();

  private static MockCluster cluster;
  private static ClusterAccess access;
  private static KubernetesBuilders builders;

  @BeforeAll
  static void createBuilder() {
    cluster = MockCluster.startWithEngine(TestEngine.require().dockerHost());
    access = ClusterAccess.of(cluster.client());
    builders = new KubernetesBuilders(access, TEST_LOG);
    NodeSpec node = new NodeSpec(BUILDER + "0", Platform.parseList("linux/arm64", "platforms"),
        KubernetesOptionsBuilder.defaults(), List.of(), BuildkitdConfig.NONE);
    builders.create(new BuilderSpec(BUILDER, List.of(node)), NAMESPACE, true);
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static String runningPod() {
    return builders.existingNodes(BUILDER, NAMESPACE).get(0).pods().stream()
        .filter(PodState::usable).findFirst().orElseThrow().name();
  }

  @Test
  void grpcThroughPodExecReachesTheEngineBuildKit() throws InterruptedException {
    ManagedChannel channel = StreamChannels.open(
        PodExecConnector.forPod(cluster.client(), NAMESPACE, runningPod(), TEST_LOG));
    try {
      ControlClient control = new ControlClient(channel);
      List<WorkerInfo> workers = control.listWorkers();
      // Several calls share one connection, i.e. one exec.
      assertThat(control.listWorkers()).isEqualTo(workers);

      assertThat(workers).isNotEmpty();
      assertThat(workers.get(0).platforms()).contains(Platform.parse("linux/amd64", "platform"));
    } finally {
      channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void lsShowsTheVersionAndDetectedPlatformsOfTheRunningPod() {
    List<NodeState> nodes = builders.list(NAMESPACE, false);
    Map<PodAddress, DaemonStatus> daemons = builders.daemons(nodes);
    String pod = runningPod();

    DaemonStatus daemon = daemons.get(new PodAddress(NAMESPACE, pod));
    assertThat(daemon.isFailed()).as("%s", daemon.error()).isFalse();
    // Empty for BuildKit older than v0.11 (the CI engine's Docker 20.10 runs 0.8), which cannot tell.
    assertThat(daemon.version()).matches("(v\\d+\\.\\d+.*)?");
    String podRow = BuilderTable.render(nodes, daemons, true).stream()
        .filter(line -> line.startsWith(" \\_ " + pod)).findFirst().orElseThrow();
    assertThat(podRow).contains("   running   " + daemon.version(), "   linux/arm64*, linux/amd64");
    assertThat(BuilderTable.failures(nodes, daemons)).isEmpty();
  }

  @Test
  void aPodThatDoesNotExistIsAnErrorRowAndExplained() {
    NodeState ghost = new NodeState(BUILDER, "ghost", NAMESPACE, "Deployment", "ghost", List.of(), 1, 1,
        new TreeMap<>(), List.of(new PodState("ghost-abc", "Running", true, false)));

    Map<PodAddress, DaemonStatus> daemons =
        new PodStatusQuery(cluster.client(), Duration.ofSeconds(20), TEST_LOG).query(List.of(ghost));

    assertThat(BuilderTable.render(List.of(ghost), daemons, false)).last().asString().endsWith("   error");
    assertThat(BuilderTable.failures(List.of(ghost), daemons)).singleElement().asString()
        .startsWith("Failed to get status for " + BUILDER + " (ghost-abc): ")
        .contains("ghost-abc");
  }

  @Test
  void aDaemonSlowerThanTheTimeoutIsReportedInsteadOfAwaited() {
    NodeState node = builders.list(NAMESPACE, false).get(0);

    Map<PodAddress, DaemonStatus> daemons =
        new PodStatusQuery(cluster.client(), Duration.ofMillis(1), TEST_LOG).query(List.of(node));

    assertThat(daemons.values()).singleElement().extracting(DaemonStatus::error).asString()
        .startsWith("no answer within");
  }

  @Test
  void otherCommandsExitWithAnError() throws Exception {
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    try (ExecWatch watch = cluster.client().pods().inNamespace(NAMESPACE).withName(runningPod())
        .writingError(errors).exec("sh", "-c", "true")) {
      assertThat(watch.exitCode().get(10, TimeUnit.SECONDS)).isEqualTo(126);
    }
    assertThat(errors.toString(StandardCharsets.UTF_8)).contains("only buildctl dial-stdio");
  }
}
