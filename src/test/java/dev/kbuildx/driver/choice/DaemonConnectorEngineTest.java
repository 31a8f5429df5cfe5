package dev.kbuildx.driver.choice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kbuildx.KbuildxException;
import dev.kbuildx.buildkit.BuildkitdConfig;
import dev.kbuildx.buildkit.DockerfileBuild;
import dev.kbuildx.buildkit.DockerfileSolver;
import dev.kbuildx.driver.BuilderNodes;
import dev.kbuildx.driver.ConnectedDaemon;
import dev.kbuildx.driver.DialTimeout;
import dev.kbuildx.driver.Driver;
import dev.kbuildx.driver.kubernetes.BuilderSpec;
import dev.kbuildx.driver.kubernetes.ClusterAccess;
import dev.kbuildx.driver.kubernetes.KubernetesOptionsBuilder;
import dev.kbuildx.driver.kubernetes.NodeSpec;
import dev.kbuildx.engine.TestEngine;
import dev.kbuildx.it.MockCluster;
import dev.kbuildx.progress.CollectingLog;
import dev.kbuildx.registry.CredentialsChain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each way {@link DaemonConnector} reaches a daemon, against the test engine (also behind a mock cluster). */
class DaemonConnectorEngineTest {
  @TempDir Path dir;
  private final CollectingLog log = new CollectingLog();
  private final TestEngine engine = TestEngine.require();

  @Test
  void withNothingConfiguredItBuildsOnTheDockerEngineOfDockerHost() {
    DaemonConnector connector = new DaemonConnector(Map.of("DOCKER_HOST", engine.dockerHost()), this::noCluster,
        null, DialTimeout.DEFAULT, log);

    try (BuilderNodes nodes = connector.nodes(new DaemonChoice.DockerEngine(), "");
        ConnectedDaemon daemon = nodes.nodes().get(0).dial(DialTimeout.DEFAULT)) {
      assertThat(nodes.nodes()).extracting(Driver::name).containsExactly("default");
      assertThat(daemon.features().dockerEngine()).isTrue();
      assertThat(daemon.dockerEngine()).isPresent();
      assertThat(daemon.description()).isEqualTo("docker-engine " + engine.dockerHost());
    }
  }

  @Test
  void anUnreachableEngineSaysHowToConfigureABuilder() {
    DaemonConnector connector = new DaemonConnector(
        Map.of("DOCKER_HOST", "unix://" + dir.resolve("no-docker.sock")), this::noCluster, null,
        DialTimeout.DEFAULT, log);

    Driver implicitEngine = connector.nodes(new DaemonChoice.DockerEngine(), "").nodes().get(0);

    assertThatThrownBy(() -> implicitEngine.dial(DialTimeout.DEFAULT))
        .isInstanceOf(KbuildxException.class)
        .hasMessageContaining("No builder is configured and the Docker Engine at unix://")
        .hasMessageContaining("-Dkbuildx.builder")
        .hasMessageContaining("-Dkbuildx.endpoint");
  }

  @Test
  void aDeclaredBuilderIsBootstrappedThenBuildsThroughPodExec() throws IOException {
    try (MockCluster cluster = MockCluster.startWithEngine(engine.dockerHost())) {
      Path kubeconfig = cluster.writeKubeconfig(dir.resolve("kubeconfig"));
      DaemonConnector connector = new DaemonConnector(Map.of(), () -> ClusterAccess.connect(kubeconfig, null), null,
          DialTimeout.DEFAULT, log);
      BuilderSpec declared = new BuilderSpec("declared", List.of(new NodeSpec("declared0", List.of(),
          KubernetesOptionsBuilder.defaults(), List.of(), BuildkitdConfig.NONE)));
      Path context = Files.createDirectories(dir.resolve("context"));
      Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY hello.txt /\n");
      Files.writeString(context.resolve("hello.txt"), "hello from the pod");
      Path out = dir.resolve("out");

      try (BuilderNodes nodes = connector.nodes(new DaemonChoice.ClusterBuilder("declared", declared),
          context.toString()); ConnectedDaemon daemon = nodes.nodes().get(0).dial(DialTimeout.DEFAULT)) {
        assertThat(daemon.description()).isEqualTo("kubernetes builder declared node declared0");
        new DockerfileSolver(daemon.channel(), daemon.features(), new CredentialsChain(List.of()), log)
            .solve(DockerfileBuild.builder(context).output("type=local,dest=" + out).build(), context.toString());
      }

      assertThat(Files.readString(out.resolve("hello.txt"))).isEqualTo("hello from the pod");
      assertThat(log.messages()).anyMatch(line -> line.contains("bootstrapping"))
          .anyMatch(line -> line.contains("builder declared is ready"));
    }
  }

  @Test
  void aNamedBuilderMustExist() {
    try (MockCluster cluster = MockCluster.startWithEngine(engine.dockerHost())) {
      Path kubeconfig = cluster.writeKubeconfig(dir.resolve("kubeconfig"));
      DaemonConnector connector = new DaemonConnector(Map.of(), () -> ClusterAccess.connect(kubeconfig, null), null,
          DialTimeout.DEFAULT, log);

      assertThatThrownBy(() -> connector.nodes(new DaemonChoice.ClusterBuilder("absent", null), ""))
          .isInstanceOf(KbuildxException.class)
          .hasMessageContaining("builder \"absent\" was not found")
          .hasMessageContaining("kbuildx:create");
    }
  }

  private ClusterAccess noCluster() {
    throw new AssertionError("no cluster is needed");
  }
}
