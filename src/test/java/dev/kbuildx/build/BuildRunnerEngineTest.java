package dev.kbuildx.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kbuildx.buildkit.DockerfileBuild;
import dev.kbuildx.buildkit.Output;
import dev.kbuildx.driver.BuilderNodes;
import dev.kbuildx.driver.DialTimeout;
import dev.kbuildx.driver.Driver;
import dev.kbuildx.driver.docker.DockerDriver;
import dev.kbuildx.engine.EngineApi;
import dev.kbuildx.engine.EngineImage;
import dev.kbuildx.engine.RegistryManifest;
import dev.kbuildx.engine.TestEngine;
import dev.kbuildx.progress.CollectingLog;
import dev.kbuildx.registry.CredentialsChain;
import dev.kbuildx.registry.MediaTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link BuildRunner} on one node, the test engine's BuildKit, pushing to the test registry. */
class BuildRunnerEngineTest {
  @TempDir Path dir;
  private final CollectingLog log = new CollectingLog();
  private final TestEngine engine = TestEngine.require();
  private final String runId = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private final String repository = "kbuildx-runner/single-" + runId;
  private final String first = engine.registry() + "/" + repository + ":1";
  private final String second = engine.registry() + "/" + repository + ":latest";
  private final EngineApi engineApi = EngineApi.fromEnvironment(Map.of("DOCKER_HOST", engine.dockerHost()));

  @AfterEach
  void removeImages() {
    engine.removeImage(first);
    engine.removeImage(second);
  }

  @Test
  void anEngineNodePushesEveryTagAndReportsTheRegistrysDigest() throws IOException {
    Path context = Files.createDirectories(dir.resolve("context"));
    Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY run.txt /\n");
    Files.writeString(context.resolve("run.txt"), runId);
    DockerDriver node = new DockerDriver("default", List.of(), Map.of("DOCKER_HOST", engine.dockerHost()), false);
    DockerfileBuild build = DockerfileBuild.builder(context).platforms("linux/amd64")
        .output(Output.Image.of(List.of(first, second), true)).build();

    BuildResult result = run(node, build);

    RegistryManifest firstManifest = engine.registryManifest(repository, "1");
    RegistryManifest secondManifest = engine.registryManifest(repository, "latest");
    assertThat(result.builder()).isEqualTo("docker-engine " + engine.dockerHost());
    assertThat(result.tags()).containsExactly(first, second);
    assertThat(result.digest()).startsWith("sha256:").isEqualTo(firstManifest.digest())
        .isEqualTo(secondManifest.digest());
    assertThat(firstManifest.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
    assertThat(result.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
    assertThat(result.manifests()).containsExactly(
        new PlatformManifest("linux/amd64", result.digest(), MediaTypes.DOCKER_MANIFEST, "default"));
    assertThat(log.messages()).anyMatch(line -> line.startsWith("pushing " + first))
        .anyMatch(line -> line.startsWith("pushing " + second));
  }

  @Test
  void onTheEngineALoadIsTheImageTheEngineKeeps() throws IOException {
    Path context = Files.createDirectories(dir.resolve("context"));
    Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY run.txt /\n");
    Files.writeString(context.resolve("run.txt"), runId);
    DockerDriver node = new DockerDriver("default", List.of(), Map.of("DOCKER_HOST", engine.dockerHost()), false);

    BuildResult named = run(node, DockerfileBuild.builder(context).platforms("linux/arm64")
        .output(Output.Image.of(List.of(first), false)).build(), true);
    BuildResult unnamed = run(node, DockerfileBuild.builder(context).platforms("linux/arm64").build(), true);

    EngineImage image = engineApi.inspect(first).orElseThrow();
    assertThat(image.architecture()).isEqualTo("arm64");
    // The engine's builder reports the image id; without a name the image is still kept.
    assertThat(named.digest()).isEqualTo(image.id());
    assertThat(unnamed.digest()).isEqualTo(image.id());
    assertThat(named.manifests()).isEmpty();
    assertThat(dir.resolve("work")).doesNotExist();
  }

  private BuildResult run(Driver node, DockerfileBuild build) {
    return run(node, build, false);
  }

  /** @param load an explicit load, which on the engine needs no tarball and no further call to the engine */
  private BuildResult run(Driver node, DockerfileBuild build, boolean load) {
    ImageLoad imageLoad = new ImageLoad(load, dir.resolve("work"), () -> {
      throw new AssertionError("the engine's builder needs no separate load");
    });
    try (BuilderNodes nodes = new BuilderNodes(List.of(node), List.of(), DialTimeout.DEFAULT)) {
      return new BuildRunner(new CredentialsChain(List.of()), imageLoad, log).run(nodes, build, "");
    }
  }
}
