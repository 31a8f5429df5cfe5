package dev.kbuildx.driver.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kbuildx.platform.Platform;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class BuilderTableTest {

  private static final PodState RUNNING_A = new PodState("kube0-aaa", "Running", true, false);
  private static final PodState RUNNING_B = new PodState("kube0-bbb", "Running", true, false);
  private static final PodState PENDING = new PodState("kube0-ccc", "Pending", false, false);
  private static final PodState LEAVING = new PodState("kube0-ddd", "Running", true, true);

  private static NodeState node(String builder, String node, String namespace, String platforms,
      int readyReplicas, PodState... pods) {
    return new NodeState(builder, node, namespace, "Deployment", BuilderNames.objectName(node),
        Platform.parseList(platforms, "platforms"), 1, readyReplicas, new TreeMap<>(), List.of(pods));
  }

  @Test
  void jsonListsBuildersNodesAndPodsWithWhatTheirDaemonsReported() throws Exception {
    List<NodeState> nodes = List.of(node("kube", "kube0", "build", "linux/arm64", 1, RUNNING_A, PENDING));
    Map<PodAddress, DaemonStatus> daemons = Map.of(new PodAddress("build", "kube0-aaa"),
        DaemonStatus.answered("v0.24.0", Platform.parseList("linux/amd64", "platforms")));

    JsonNode json = new ObjectMapper().readTree(BuilderTable.json(nodes, daemons));

    JsonNode builder = json.get("builders").get(0);
    assertThat(builder.get("name").asText()).isEqualTo("kube");
    assertThat(builder.get("driver").asText()).isEqualTo("kubernetes");
    JsonNode node = builder.get("nodes").get(0);
    assertThat(node.get("name").asText()).isEqualTo("kube0");
    assertThat(node.get("namespace").asText()).isEqualTo("build");
    assertThat(node.get("endpoint").asText()).isEqualTo("kubernetes:///kube?deployment=kube0&namespace=build");
    assertThat(node.get("status").asText()).isEqualTo("running");
    assertThat(node.get("declaredPlatforms").get(0).asText()).isEqualTo("linux/arm64");
    JsonNode running = node.get("pods").get(0);
    assertThat(running.get("status").asText()).isEqualTo("running");
    assertThat(running.get("buildkitVersion").asText()).isEqualTo("v0.24.0");
    assertThat(running.get("platforms").get(0).asText()).isEqualTo("linux/amd64");
    JsonNode pending = node.get("pods").get(1);
    assertThat(pending.get("status").asText()).isEqualTo("stopped");
    assertThat(pending.get("buildkitVersion").isNull()).isTrue();
  }

  @Test
  void emptyInputRendersOnlyTheHeader() {
    assertThat(BuilderTable.render(List.of(), false))
        .containsExactly("NAME/NODE   DRIVER/ENDPOINT   STATUS    BUILDKIT   PLATFORMS");
  }

  @Test
  void runningNodeIsExpandedPerUsablePodAndStoppedNodeKeepsItsName() {
    List<NodeState> nodes = List.of(
        node("kube", "kube0", "build", "linux/amd64,linux/arm64", 2, RUNNING_A, RUNNING_B, PENDING, LEAVING),
        node("kube", "kube1", "build", "", 0, new PodState("kube1-xxx", "Pending", false, false)));

    assertThat(BuilderTable.render(nodes, Map.of(), false)).containsExactly(
        "NAME/NODE       DRIVER/ENDPOINT                                           STATUS    BUILDKIT   PLATFORMS",
        "kube            kubernetes",
        " \\_ kube0-aaa    \\_ kubernetes:///kube?deployment=kube0&namespace=build   running              linux/amd64*, linux/arm64*",
        " \\_ kube0-bbb    \\_ kubernetes:///kube?deployment=kube0&namespace=build   running              linux/amd64*, linux/arm64*",
        " \\_ kube1        \\_ kubernetes:///kube?deployment=kube1&namespace=build   stopped");
  }

  @Test
  void podRowsShowWhatTheirDaemonReportedAndFailedDaemonsAreErrors() {
    List<NodeState> nodes = List.of(
        node("kube", "kube0", "build", "linux/arm64", 2, RUNNING_A, RUNNING_B),
        node("kube", "kube1", "other", "", 1, new PodState("kube0-aaa", "Running", true, false)));
    Map<PodAddress, DaemonStatus> daemons = Map.of(
        new PodAddress("build", "kube0-aaa"), DaemonStatus.answered("v0.12.5",
            Platform.parseList("linux/amd64,linux/arm64,linux/386", "platforms")),
        new PodAddress("build", "kube0-bbb"), DaemonStatus.failed("Could not list the workers: UNAVAILABLE"),
        new PodAddress("other", "kube0-aaa"), DaemonStatus.answered("", Platform.parseList("linux/amd64", "platforms")));

    assertThat(BuilderTable.render(nodes, daemons, false)).containsExactly(
        "NAME/NODE       DRIVER/ENDPOINT                                           STATUS    BUILDKIT   PLATFORMS",
        "kube            kubernetes",
        " \\_ kube0-aaa    \\_ kubernetes:///kube?deployment=kube0&namespace=build   running   v0.12.5    linux/amd64, linux/arm64*, linux/386",
        " \\_ kube0-bbb    \\_ kubernetes:///kube?deployment=kube0&namespace=build   error                linux/arm64*",
        " \\_ kube0-aaa    \\_ kubernetes:///kube?deployment=kube1&namespace=other   running              linux/amd64");
    assertThat(BuilderTable.failures(nodes, daemons)).containsExactly(
        "Failed to get status for kube (kube0-bbb): Could not list the workers: UNAVAILABLE");
  }

  @Test
  void nodeWithoutReadyReplicaIsNotExpandedEvenIfAPodRuns() {
    NodeState starting = node("kube", "kube0", "build", "linux/amd64", 0, RUNNING_A);

    assertThat(BuilderTable.render(List.of(starting), false)).containsExactly(
        "NAME/NODE   DRIVER/ENDPOINT                                           STATUS    BUILDKIT   PLATFORMS",
        "kube        kubernetes",
        " \\_ kube0    \\_ kubernetes:///kube?deployment=kube0&namespace=build   stopped              linux/amd64*");
  }

  @Test
  void buildersAreGroupedAcrossNamespacesAndLongNamesWidenColumns() {
    String longName = "a-rather-long-builder-name";
    List<NodeState> nodes = List.of(
        node(longName, "arm", "build-team-a", "linux/arm64", 0),
        node(longName, "amd", "build-team-b", "linux/amd64", 0),
        node("alpha", "alpha0", "ci", "linux/amd64", 0));

    assertThat(BuilderTable.render(nodes, false)).containsExactly(
        "NAME/NODE                    DRIVER/ENDPOINT                                                                      STATUS    BUILDKIT   PLATFORMS",
        "a-rather-long-builder-name   kubernetes",
        " \\_ arm                       \\_ kubernetes:///a-rather-long-builder-name?deployment=arm&namespace=build-team-a   stopped              linux/arm64*",
        " \\_ amd                       \\_ kubernetes:///a-rather-long-builder-name?deployment=amd&namespace=build-team-b   stopped              linux/amd64*",
        "alpha                        kubernetes",
        " \\_ alpha0                    \\_ kubernetes:///alpha?deployment=alpha0&namespace=ci                               stopped              linux/amd64*");
  }

  @Test
  void detectedPlatformsCountTowardsTruncation() {
    List<NodeState> nodes = List.of(node("multi", "multi0", "default", "linux/arm64", 1, RUNNING_A));
    Map<PodAddress, DaemonStatus> daemons = Map.of(new PodAddress("default", "kube0-aaa"), DaemonStatus.answered(
        "v0.23.2", Platform.parseList("linux/amd64,linux/amd64/v2,linux/386,linux/riscv64,linux/s390x", "platforms")));

    assertThat(BuilderTable.render(nodes, daemons, false)).last().asString()
        .endsWith("linux/amd64 (+2), linux/arm64*, linux/s390x, linux/riscv64, (1 more)");
    assertThat(BuilderTable.render(nodes, daemons, true)).last().asString()
        .endsWith("linux/arm64*, linux/amd64, linux/amd64/v2, linux/386, linux/riscv64, linux/s390x");
  }

  @Test
  void platformsAreTruncatedUnlessNoTruncIsSet() {
    List<NodeState> nodes = List.of(node("multi", "multi0", "default",
        "linux/amd64,linux/arm64,linux/arm/v7,linux/ppc64le,linux/s390x,linux/riscv64", 0));

    assertThat(BuilderTable.render(nodes, false)).last().isEqualTo(
        " \\_ multi0    \\_ kubernetes:///multi?deployment=multi0&namespace=default   stopped"
            + "              linux/amd64*, linux/arm64*, linux/arm/v7*, linux/ppc64le*, (2 more)");
    assertThat(BuilderTable.render(nodes, true)).last().isEqualTo(
        " \\_ multi0    \\_ kubernetes:///multi?deployment=multi0&namespace=default   stopped"
            + "              linux/amd64*, linux/arm64*, linux/arm/v7*, linux/ppc64le*, linux/s390x*, linux/riscv64*");
  }

  @Test
  void endpointNamesBuilderDeploymentAndNamespace() {
    assertThat(BuilderTable.endpoint(node("kube", "builder_amd64", "ci", "", 0)))
        .isEqualTo("kubernetes:///kube?deployment=builder-amd64&namespace=ci");
  }
}
