package dev.kbuildx.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.KbuildxException;
import dev.kbuildx.buildkit.BuildkitdConfig;
import dev.kbuildx.buildkit.DockerfileBuild;
import dev.kbuildx.buildkit.Output;
import dev.kbuildx.driver.BuilderNodes;
import dev.kbuildx.driver.DialTimeout;
import dev.kbuildx.driver.choice.DaemonChoice;
import dev.kbuildx.driver.choice.DaemonConnector;
import dev.kbuildx.driver.docker.DockerDriver;
import dev.kbuildx.driver.kubernetes.BuilderSpec;
import dev.kbuildx.driver.kubernetes.ClusterAccess;
import dev.kbuildx.driver.kubernetes.KubernetesOption;
import dev.kbuildx.driver.kubernetes.KubernetesOptionsBuilder;
import dev.kbuildx.driver.kubernetes.NodeSpec;
import dev.kbuildx.engine.EngineApi;
import dev.kbuildx.engine.EngineImage;
import dev.kbuildx.engine.EngineResponse;
import dev.kbuildx.engine.TestEngine;
import dev.kbuildx.it.MockCluster;
import dev.kbuildx.progress.CollectingLog;
import dev.kbuildx.registry.CredentialsChain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading into the local Docker Engine. {@link ImageLoad} loads docker tarballs into the test
 * engine; the load decisions of {@link BuildRunner} are checked on a Kubernetes builder declared
 * in a mock cluster, whose pods reach the test engine's BuildKit. That BuildKit has no {@code
 * docker} exporter, so a load from a cluster node cannot run end to end here.
 */
class ImageLoadEngineTest {
  @TempDir Path dir;
  private final CollectingLog log = new CollectingLog();
  private final TestEngine engine = TestEngine.require();
  private final EngineApi engineApi = EngineApi.fromEnvironment(Map.of("DOCKER_HOST", engine.dockerHost()));
  private final String runId = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private final String tag = engine.registry() + "/kbuildx-runner/load-" + runId + ":1";
  private Path context;

  @BeforeEach
  void context() throws IOException {
    context = Files.createDirectories(dir.resolve("context"));
    Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY run.txt /\n");
    Files.writeString(context.resolve("run.txt"), runId);
  }

  @AfterEach
  void removeImage() {
    engine.removeImage(tag);
  }

  @Test
  void aDockerTarballIsLoadedUnderItsTagAndThenDeleted() throws IOException {
    Path saved = savedArm64Image();
    ImageLoad load = new ImageLoad(true, dir.resolve("work"), () -> engineApi);
    Output.DockerArchive tarball = load.tarball(List.of(tag));
    Files.move(saved, tarball.destination());

    load.load(tarball, log);

    Optional<EngineImage> loaded = engineApi.inspect(tag);
    assertThat(loaded).isPresent();
    assertThat(loaded.get().os()).isEqualTo("linux");
    assertThat(loaded.get().architecture()).isEqualTo("arm64");
    assertThat(loaded.get().repoTags()).contains(tag);
    assertThat(tarball.names()).containsExactly(tag);
    assertThat(tarball.destination().getParent()).isEqualTo(dir.resolve("work"));
    assertThat(tarball.destination()).doesNotExist();
    assertThat(log.messages()).contains("Loaded " + tag + " into the Docker Engine at " + engine.dockerHost());
  }

  @Test
  void aTarballTheEngineRefusesIsDeletedToo() throws IOException {
    ImageLoad load = new ImageLoad(true, dir.resolve("work"), () -> engineApi);
    Output.DockerArchive tarball = load.tarball(List.of(tag));
    Files.writeString(tarball.destination(), "not a tar file");

    assertThatThrownBy(() -> load.load(tarball, log)).isInstanceOf(KbuildxException.class)
        .hasMessageContaining(tarball.destination().getFileName().toString());
    assertThat(tarball.destination()).doesNotExist();
  }

  @Test
  void twoPlatformsCannotBeLoaded() {
    DockerfileBuild build = DockerfileBuild.builder(context).platforms("linux/amd64,linux/arm64")
        .output(Output.Image.of(List.of(tag), false)).build();

    assertThatThrownBy(() -> runOnCluster(false, true, build))
        .isInstanceOfSatisfying(InvalidSettingException.class,
            e -> assertThat(e.setting()).isEqualTo(ImageLoad.LOAD))
        .hasMessageContaining("2 platforms");
    assertThat(engineApi.inspect(tag)).isEmpty();
  }

  @Test
  void aNodesDefaultLoadAppliesToABuildWithoutOutputs() {
    // Refused as a load of two platforms: default-load turned the build into a load.
    assertThatThrownBy(() -> runOnCluster(true, false,
        DockerfileBuild.builder(context).platforms("linux/amd64,linux/arm64").build()))
        .isInstanceOfSatisfying(InvalidSettingException.class,
            e -> assertThat(e.setting()).isEqualTo(ImageLoad.LOAD));
  }

  @Test
  void aNodesDefaultLoadAppliesToTheImageThatTagsNameWithoutPush() {
    DockerfileBuild tagged = DockerfileBuild.builder(context).platforms("linux/amd64,linux/arm64")
        .output(Output.Image.of(List.of("kbuildx-test/default-load:1"), false)).build();

    assertThatThrownBy(() -> runOnCluster(true, false, tagged))
        .isInstanceOfSatisfying(InvalidSettingException.class,
            e -> assertThat(e.setting()).isEqualTo(ImageLoad.LOAD));
  }

  @Test
  void aNodesDefaultLoadDoesNotApplyToABuildWithAnOutput() throws IOException {
    Path out = dir.resolve("out");

    runOnCluster(true, false, DockerfileBuild.builder(context).platforms("linux/amd64,linux/arm64")
        .output("type=local,dest=" + out).build());

    assertThat(out.resolve("linux_amd64/run.txt")).hasContent(runId);
    assertThat(out.resolve("linux_arm64/run.txt")).hasContent(runId);
    assertThat(dir.resolve("work")).doesNotExist();
  }

  /** Runs the build on a one-node builder declared in a mock cluster and bootstrapped by the run. */
  private BuildResult runOnCluster(boolean defaultLoad, boolean explicitLoad, DockerfileBuild build) {
    try (MockCluster cluster = MockCluster.startWithEngine(engine.dockerHost())) {
      Path kubeconfig = cluster.writeKubeconfig(dir.resolve("kubeconfig"));
      DaemonConnector connector = new DaemonConnector(Map.of(), () -> ClusterAccess.connect(kubeconfig, null), null,
          DialTimeout.DEFAULT, log);
      KubernetesOptionsBuilder options = new KubernetesOptionsBuilder();
      if (defaultLoad) {
        options.set(KubernetesOption.DEFAULT_LOAD.key(), "true");
      }
      BuilderSpec declared = new BuilderSpec("loading", List.of(new NodeSpec("loading0", List.of(), options.build(),
          List.of(), BuildkitdConfig.NONE)));
      ImageLoad load = new ImageLoad(explicitLoad, dir.resolve("work"), () -> {
        throw new AssertionError("the engine is reached only to load an image, after a build");
      });
      try (BuilderNodes nodes = connector.nodes(new DaemonChoice.ClusterBuilder("loading", declared),
          context.toString())) {
        return new BuildRunner(new CredentialsChain(List.of()), load, log).run(nodes, build, context.toString());
      }
    }
  }

  /** A docker tarball of an arm64 image named {@link #tag}, which the engine then no longer holds. */
  private Path savedArm64Image() throws IOException {
    DockerDriver node = new DockerDriver("default", List.of(), Map.of("DOCKER_HOST", engine.dockerHost()), false);
    ImageLoad noLoad = new ImageLoad(false, dir.resolve("unused"), () -> {
      throw new AssertionError("nothing is loaded");
    });
    try (BuilderNodes nodes = new BuilderNodes(List.of(node), List.of(), DialTimeout.DEFAULT)) {
      new BuildRunner(new CredentialsChain(List.of()), noLoad, log).run(nodes, DockerfileBuild.builder(context)
          .platforms("linux/arm64").output(Output.Image.of(List.of(tag), false)).build(), "");
    }
    EngineResponse saved = engine.engineApi("GET", "/images/" + tag + "/get");
    assertThat(saved.status()).as("save %s", tag).isEqualTo(200);
    engine.removeImage(tag);
    assertThat(engineApi.inspect(tag)).isEmpty();
    return Files.write(dir.resolve("saved.tar"), saved.body());
  }
}
