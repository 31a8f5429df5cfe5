package dev.kbuildx.care;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kbuildx.buildkit.DockerfileBuild;
import dev.kbuildx.buildkit.DockerfileSolver;
import dev.kbuildx.buildkit.PruneSpec;
import dev.kbuildx.buildkit.UsageInfo;
import dev.kbuildx.driver.BuilderNodes;
import dev.kbuildx.driver.ConnectedDaemon;
import dev.kbuildx.driver.DialTimeout;
import dev.kbuildx.driver.DriverStatus;
import dev.kbuildx.driver.choice.DaemonChoice;
import dev.kbuildx.driver.choice.DaemonConnector;
import dev.kbuildx.engine.TestEngine;
import dev.kbuildx.progress.CollectingLog;
import dev.kbuildx.registry.CredentialsChain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The care goals on the Docker Engine driver: the engine 20.10's BuildKit (v0.8) cannot tell its
 * version, but lists and prunes its build cache. The engine is shared, so only this test's record is pruned.
 */
class BuilderCareEngineTest {
  private final TestEngine engine = TestEngine.require();
  @TempDir Path dir;

  @Test
  void inspectDuAndAFilteredPruneWorkOnTheEnginesBuildkit() throws Exception {
    CollectingLog log = new CollectingLog();
    DaemonConnector connector = new DaemonConnector(Map.of("DOCKER_HOST", engine.dockerHost()), () -> {
      throw new AssertionError("the engine needs no cluster");
    }, null, DialTimeout.DEFAULT, log);
    String marker = "care" + UUID.randomUUID().toString().replace("-", "");
    List<String> ours = CacheFilters.parse(List.of("description~=" + marker)).expressions();

    try (BuilderNodes nodes = connector.drivers(new DaemonChoice.DockerEngine(), "care")) {
      build(nodes, marker, log);
      BuilderCare care = new BuilderCare(nodes);

      NodeInspection inspected = care.inspect().get(0);
      assertThat(inspected.status()).isEqualTo(DriverStatus.EXTERNAL);
      assertThat(inspected.description().driver()).isEqualTo("docker");
      assertThat(inspected.description().endpoint()).isEqualTo(engine.dockerHost());
      assertThat(inspected.error()).isNull();
      assertThat(inspected.version()).as("BuildKit 0.8 has no Info call").isEmpty();
      assertThat(inspected.detectedPlatforms()).isNotEmpty();

      List<UsageInfo> before = care.diskUsage(ours).get(0).records();
      assertThat(before).as("the RUN step of this test").hasSize(1);
      // BuildKit v0.8 selects by description for du, but its prune ignores that filter; by id it prunes.
      List<String> byId = CacheFilters.parse(List.of("id=" + before.get(0).id())).expressions();
      NodeUsage freed = care.prune(new PruneSpec(false, Duration.ZERO, 0, 0, 0, byId)).get(0);
      assertThat(freed.records()).extracting(UsageInfo::id).containsExactly(before.get(0).id());
      assertThat(care.diskUsage(ours).get(0).records()).isEmpty();
    }
  }

  private void build(BuilderNodes nodes, String marker, CollectingLog log) throws Exception {
    Path context = Files.createDirectories(dir.resolve("context"));
    Files.writeString(context.resolve("Dockerfile"), "FROM " + TestEngine.BASE_IMAGE + "\nRUN echo " + marker
        + " > /care.txt\n");
    DockerfileBuild build = DockerfileBuild.builder(context).network(TestEngine.BUILD_NETWORK).build();
    try (ConnectedDaemon daemon = nodes.nodes().get(0).dial(DialTimeout.DEFAULT)) {
      new DockerfileSolver(daemon.channel(), daemon.features(), new CredentialsChain(List.of()), log).solve(build, "");
    }
  }
}
