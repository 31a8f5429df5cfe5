package dev.kbuildx.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.buildkit.DockerfileBuild;
import dev.kbuildx.driver.BuilderNodes;
import dev.kbuildx.driver.ClusterPlacement;
import dev.kbuildx.driver.ConnectedDaemon;
import dev.kbuildx.driver.Driver;
import dev.kbuildx.driver.DriverDescription;
import dev.kbuildx.driver.DriverFeatures;
import dev.kbuildx.driver.remote.RemoteDriver;
import dev.kbuildx.driver.remote.RemoteEndpoint;
import dev.kbuildx.platform.Platform;
import dev.kbuildx.progress.CollectingLog;
import dev.kbuildx.registry.CredentialsChain;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code load=cluster}: its spelling, its refusal before anything is built, its names and its record. */
class ClusterLoadTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({"'',NONE", "false,NONE", "true,DOCKER", "docker,DOCKER", "Docker,DOCKER", "cluster,CLUSTER",
      "' cluster ',CLUSTER"})
  void loadAcceptsBooleansAndItsTargets(String value, LoadTarget target) {
    assertThat(LoadTarget.parse(value)).isEqualTo(target);
  }

  @Test
  void anUnknownLoadTargetIsRefused() {
    assertThatThrownBy(() -> LoadTarget.parse("kind"))
        .hasMessage("invalid load \"kind\": accepted: false (the default), true or docker (the local Docker Engine),"
            + " or cluster (the Kubernetes node of a builder node with worker=containerd)");
  }

  /** The daemon's port is closed: had the build dialled it, the error would be a refused connection. */
  @Test
  void aStandingDaemonIsRefusedBeforeItIsDialled() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    RemoteDriver remote = new RemoteDriver("standing", List.of(), RemoteEndpoint.parse("tcp://127.0.0.1:"
        + closedPort), false);
    CollectingLog log = new CollectingLog();
    BuildRunner runner = new BuildRunner(new CredentialsChain(List.of()),
        new ImageLoad(LoadTarget.CLUSTER, dir, () -> {
          throw new AssertionError("a load into the cluster never reaches the Docker Engine");
        }), log);

    assertThatThrownBy(() -> runner.run(new BuilderNodes(List.of(remote), List.of(), Duration.ofSeconds(5)),
        build(List.of("app:1")), ""))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.setting()).isEqualTo("load"))
        .hasMessageStartingWith("invalid load \"cluster\": it needs a node of a Kubernetes builder with the driver"
            + " option worker=containerd (<driver><worker>containerd</worker></driver>)")
        .hasMessageContaining("the builder's nodes [standing] have none");
    assertThat(log.messages()).noneMatch(line -> line.startsWith("Building"));
  }

  @Test
  void theImageIsNamedFullyAsTheKubeletLooksItUp() throws IOException {
    DockerfileBuild named = ClusterLoad.named(build(List.of("app:1", "team/app:1", "registry.local:5000/app:1")));

    assertThat(BuildRunner.tags(named)).containsExactly("docker.io/library/app:1", "docker.io/team/app:1",
        "registry.local:5000/app:1");
  }

  @Test
  void anImageWithoutNameCannotBeLoaded() throws IOException {
    assertThatThrownBy(() -> ClusterLoad.named(build(List.of())))
        .hasMessageContaining("loading into the cluster needs at least one image name in tags");
  }

  @Test
  void theResultSaysWhichPodAndNodeHoldTheImage() throws IOException {
    Path file = dir.resolve("build-result.json");
    ClusterPlacement placement = new ClusterPlacement("builds", "local-abc", "node-a", List.of("node-b"), null);

    new BuildResult("kubernetes builder b node local", List.of("docker.io/library/app:1"), "sha256:1", null,
        List.of()).withClusterImage(new ClusterImage(List.of("docker.io/library/app:1"), placement)).write(file);

    JsonNode cluster = new ObjectMapper().readTree(file.toFile()).path("cluster");
    assertThat(cluster.path("images")).extracting(JsonNode::asText).containsExactly("docker.io/library/app:1");
    assertThat(cluster.path("namespace").asText()).isEqualTo("builds");
    assertThat(cluster.path("pod").asText()).isEqualTo("local-abc");
    assertThat(cluster.path("nodes")).extracting(JsonNode::asText).containsExactly("node-a");
    assertThat(cluster.path("nodesWithoutImage")).extracting(JsonNode::asText).containsExactly("node-b");
    assertThat(cluster.has("notChecked")).isFalse();
  }

  @Test
  void schedulableNodesWithoutTheImageAreNamedWithHowToPinTheWorkload() {
    CollectingLog log = new CollectingLog();
    ClusterPlacement placement = new ClusterPlacement("builds", "local-abc", "node-a", List.of("node-b", "node-c"),
        null);

    ClusterImage image = new ClusterLoad(log).placed(placedOn(placement), "local-abc", List.of("docker.io/team/app:1"));

    assertThat(image.placement()).isEqualTo(placement);
    assertThat(log.messages()).contains("Loaded docker.io/team/app:1 into containerd (namespace k8s.io) of Kubernetes"
        + " node node-a (pod builds/local-abc)");
    assertThat(log.messages()).anyMatch(line -> line.contains("the schedulable nodes [node-b, node-c] lack it")
        && line.contains("nodeSelector kubernetes.io/hostname: node-a"));
  }

  /** A containerd node of a Kubernetes builder as far as the load asks it: where its daemon's pod runs. */
  private static Driver placedOn(ClusterPlacement placement) {
    return new Driver() {
      @Override
      public String name() {
        return "local";
      }

      @Override
      public List<Platform> platforms() {
        return List.of();
      }

      @Override
      public DriverFeatures features() {
        return new DriverFeatures(true, false, true);
      }

      @Override
      public Optional<ClusterPlacement> placement(String hostname, List<String> images) {
        return Optional.of(placement);
      }

      @Override
      public DriverDescription describe() {
        return DriverDescription.external("kubernetes", "builds/local-abc", Map.of("worker", "containerd"));
      }

      @Override
      public ConnectedDaemon dial(Duration connectTimeout) {
        throw new AssertionError("the placement needs no daemon");
      }
    };
  }

  private DockerfileBuild build(List<String> tags) throws IOException {
    Path context = Files.createDirectories(dir.resolve("context"));
    Files.writeString(context.resolve("Dockerfile"), "FROM scratch\n");
    DockerfileBuild.Builder build = DockerfileBuild.builder(context);
    BuildOutputs.apply(build, dir, tags, false, List.of());
    return build.build();
  }
}
