package dev.kbuildx.real;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kbuildx.build.BuildRunner;
import dev.kbuildx.build.ImageLoad;
import dev.kbuildx.buildkit.BuildkitdConfig;
import dev.kbuildx.buildkit.DockerfileBuild;
import dev.kbuildx.buildkit.PruneSpec;
import dev.kbuildx.buildkit.UsageInfo;
import dev.kbuildx.care.BuilderCare;
import dev.kbuildx.care.InspectReport;
import dev.kbuildx.care.NodeInspection;
import dev.kbuildx.care.NodeUsage;
import dev.kbuildx.care.PruneSettings;
import dev.kbuildx.driver.BuilderNodes;
import dev.kbuildx.driver.DialTimeout;
import dev.kbuildx.driver.DriverStatus;
import dev.kbuildx.driver.choice.DaemonChoice;
import dev.kbuildx.driver.choice.DaemonConnector;
import dev.kbuildx.driver.kubernetes.BuilderSpec;
import dev.kbuildx.driver.kubernetes.ClusterAccess;
import dev.kbuildx.driver.kubernetes.KubernetesBuilders;
import dev.kbuildx.driver.kubernetes.KubernetesOptionsBuilder;
import dev.kbuildx.driver.kubernetes.NodeSpec;
import dev.kbuildx.driver.remote.RemoteEndpoint;
import dev.kbuildx.platform.Platform;
import dev.kbuildx.progress.CollectingLog;
import dev.kbuildx.registry.CredentialsChain;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code inspect}, {@code du} and {@code prune} on real BuildKit v0.24 daemons of every kind a builder
 * has: the suite's standalone daemon (shared with other tests, so only this test's record is
 * pruned, by a filter), a daemon of the test's own (pruned whole), and a Kubernetes builder. Each
 * prune frees what {@code du} showed before and shows no more after.
 */
class CareRealTest {
  private static final int PAYLOAD = 300_000;
  private static final Platform AMD64 = Platform.parse("linux/amd64", "platforms");

  @TempDir Path dir;
  private final CollectingLog log = new CollectingLog();

  @Test
  void onTheSharedStandaloneDaemonAFilteredPruneFreesOnlyWhatThisTestBuilt() throws Exception {
    RealBuildkit buildkit = RealBuildkit.require();
    DaemonChoice daemon = new DaemonChoice.StandingDaemon(RemoteEndpoint.parse(buildkit.address()), false);
    String marker = "care-" + UUID.randomUUID().toString().replace("-", "");
    List<String> ours = PruneSettings.parse(false, null, null, null, null, List.of("description~=" + marker))
        .filters();

    try (BuilderNodes nodes = connector().drivers(daemon, "care")) {
      build(nodes, marker);
      BuilderCare care = new BuilderCare(nodes);
      NodeInspection inspected = care.inspect().get(0);
      assertThat(inspected.status()).isEqualTo(DriverStatus.EXTERNAL);
      assertThat(inspected.description().driver()).isEqualTo("remote");
      assertThat(inspected.description().endpoint()).isEqualTo(buildkit.address());
      assertThat(inspected.version()).startsWith("v0.24");
      assertThat(inspected.detectedPlatforms()).contains(AMD64);
      assertThat(inspected.error()).isNull();

      NodeUsage before = care.diskUsage(ours).get(0);
      assertThat(before.records()).as("the COPY of this test's file").hasSize(1);
      assertThat(before.records().get(0).description()).contains(marker);
      assertThat(before.total()).isGreaterThanOrEqualTo(PAYLOAD);

      NodeUsage freed = care.prune(PruneSettings.parse(false, null, null, null, null,
          List.of("description~=" + marker))).get(0);
      assertThat(freed.records()).extracting(UsageInfo::id).containsExactlyElementsOf(
          before.records().stream().map(UsageInfo::id).toList());
      assertThat(freed.total()).isEqualTo(before.total());
      assertThat(care.diskUsage(ours).get(0).records()).as("after the prune").isEmpty();
    }
  }

  @Test
  void onADaemonOfItsOwnPruneAllFreesWhatDuShowedAndLeavesNothingReclaimable() throws Exception {
    try (OwnBuildkitd own = OwnBuildkitd.start(dir.resolve("daemon"))) {
      DaemonChoice daemon = new DaemonChoice.StandingDaemon(RemoteEndpoint.parse(own.address()), false);
      try (BuilderNodes nodes = connector().drivers(daemon, "care")) {
        build(nodes, "own");
        NodeUsage after = pruneAllFreesWhatDuShowed(new BuilderCare(nodes));
        assertThat(after.reclaimable()).isZero();
      }
    }
  }

  @Test
  void onAKubernetesBuilderInspectShowsWhatTheClusterHoldsAndPruneFreesWhatDuShowed() throws Exception {
    try (FreshNamespace namespace = FreshNamespace.create("care", dir);
        ClusterAccess access = ClusterAccess.connect(namespace.kubeconfig(), null)) {
      NodeSpec node = new NodeSpec("care0", List.of(AMD64),
          new KubernetesOptionsBuilder().setAll(Map.of("replicas", "2")).build(), List.of("--debug"),
          BuildkitdConfig.NONE);
      new KubernetesBuilders(access, log).create(new BuilderSpec("care", List.of(node)), null, true);
      DaemonChoice builder = new DaemonChoice.ClusterBuilder("care", null);
      DaemonConnector connector = new DaemonConnector(Map.of(), () -> ClusterAccess.connect(namespace.kubeconfig(), null),
          null, DialTimeout.DEFAULT, log);

      try (BuilderNodes nodes = connector.drivers(builder, "care")) {
        build(nodes, "cluster");
        BuilderCare care = new BuilderCare(nodes);
        NodeInspection inspected = care.inspect().get(0);
        List<Pod> pods = namespace.cluster().client().pods().inNamespace(namespace.name()).list().getItems();
        List<String> args = namespace.cluster().client().apps().deployments().inNamespace(namespace.name())
            .list().getItems().get(0).getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
        assertThat(inspected.status()).isEqualTo(DriverStatus.RUNNING);
        assertThat(inspected.description().pods()).extracting(pod -> pod.name())
            .containsExactlyInAnyOrderElementsOf(pods.stream().map(pod -> pod.getMetadata().getName()).toList());
        assertThat(inspected.description().pods()).allSatisfy(pod -> assertThat(pod.status()).isEqualTo("running"));
        assertThat(inspected.description().buildkitdFlags()).contains("--debug").isSubsetOf(args);
        assertThat(inspected.description().driverOptions()).containsEntry("replicas", "2");
        assertThat(inspected.description().endpoint()).contains("namespace=" + namespace.name());
        assertThat(inspected.version()).startsWith("v0.24");
        assertThat(inspected.declaredPlatforms()).containsExactly(AMD64);
        assertThat(inspected.detectedPlatforms()).contains(AMD64);
        JsonNode json = new ObjectMapper().readTree(new InspectReport("care", List.of(inspected)).json());
        assertThat(json.at("/nodes/0/pods")).hasSize(pods.size());
        assertThat(json.at("/nodes/0/buildkitVersion").asText()).startsWith("v0.24");

        pruneAllFreesWhatDuShowed(care);
      }
    }
  }

  /** Prunes everything on the builder's only node; returns what {@code du} shows after. */
  private static NodeUsage pruneAllFreesWhatDuShowed(BuilderCare care) {
    NodeUsage before = care.diskUsage(List.of()).get(0);
    assertThat(before.total()).isGreaterThanOrEqualTo(PAYLOAD);
    NodeUsage freed = care.prune(PruneSpec.of(true, Duration.ZERO)).get(0);
    NodeUsage after = care.diskUsage(List.of()).get(0);
    assertThat(freed.total()).isGreaterThanOrEqualTo(PAYLOAD);
    assertThat(after.total()).isEqualTo(before.total() - freed.total());
    return after;
  }

  private DaemonConnector connector() {
    return new DaemonConnector(Map.of(), () -> {
      throw new AssertionError("a standing daemon needs no cluster");
    }, null, DialTimeout.DEFAULT, log);
  }

  /** Builds {@code COPY <name>.bin} of random bytes into the build cache only. */
  private void build(BuilderNodes nodes, String name) throws Exception {
    Path context = Files.createDirectories(dir.resolve("context-" + name));
    byte[] payload = new byte[PAYLOAD];
    new Random().nextBytes(payload);
    Files.write(context.resolve(name + ".bin"), payload);
    Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY " + name + ".bin /\n");
    DockerfileBuild build = DockerfileBuild.builder(context).build();
    ImageLoad noLoad = new ImageLoad(false, dir.resolve("load"), () -> {
      throw new AssertionError("nothing is loaded");
    });
    new BuildRunner(new CredentialsChain(List.of()), noLoad, log).run(nodes, build, context.toString());
  }
}
