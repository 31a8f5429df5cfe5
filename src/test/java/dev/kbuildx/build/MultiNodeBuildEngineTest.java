package dev.kbuildx.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kbuildx.Await;
import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.KbuildxException;
import dev.kbuildx.buildkit.DockerfileBuild;
import dev.kbuildx.buildkit.Output;
import dev.kbuildx.driver.BuilderNodes;
import dev.kbuildx.driver.DialTimeout;
import dev.kbuildx.driver.Driver;
import dev.kbuildx.driver.docker.DockerDriver;
import dev.kbuildx.engine.EngineApi;
import dev.kbuildx.engine.RegistryManifest;
import dev.kbuildx.engine.TestEngine;
import dev.kbuildx.platform.Platform;
import dev.kbuildx.progress.CollectingLog;
import dev.kbuildx.registry.CredentialsChain;
import dev.kbuildx.registry.MediaTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Multi-node builds through {@link BuildRunner}: two nodes that are both the test engine, one
 * declared for amd64 and one for arm64. {@code FROM scratch} with a {@code COPY} builds for any
 * platform without emulation.
 */
class MultiNodeBuildEngineTest {
  private static final String TEMPORARY_TAG = "kbuildx-(amd|arm)-[0-9a-f]{8}";

  @TempDir Path dir;
  private final CollectingLog log = new CollectingLog();
  private final TestEngine engine = TestEngine.require();
  private final EngineApi engineApi = EngineApi.fromEnvironment(Map.of("DOCKER_HOST", engine.dockerHost()));
  private final String runId = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private final String repository = "kbuildx-runner/multi-" + runId;
  private final String first = engine.registry() + "/" + repository + ":1";
  private final String second = engine.registry() + "/" + repository + ":latest";

  @Test
  void eachNodeBuildsItsPlatformAndTheMergedListIsPushedToEveryTag() throws IOException, InterruptedException {
    Path context = context("FROM scratch\nARG TARGETARCH\nCOPY run.txt /\nCOPY arch-${TARGETARCH}.txt /arch.txt\n",
        "arch-amd64.txt", "arch-arm64.txt");

    BuildResult result = run(amdAndArm(engine.dockerHost()), build(context).build());

    RegistryManifest firstList = engine.registryManifest(repository, "1");
    RegistryManifest secondList = engine.registryManifest(repository, "latest");
    // The engine pushes Docker manifests, so the merged index is a Docker manifest list.
    assertThat(firstList.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST_LIST);
    assertThat(result.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST_LIST);
    assertThat(result.digest()).isEqualTo(firstList.digest()).isEqualTo(secondList.digest());
    assertThat(result.tags()).containsExactly(first, second);
    assertThat(result.builder()).isEqualTo("amd: docker-engine " + engine.dockerHost() + ", arm: docker-engine "
        + engine.dockerHost());
    Map<String, String> listed = new LinkedHashMap<>();
    for (JsonNode child : firstList.json().path("manifests")) {
      assertThat(child.path("mediaType").asText()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
      listed.put(child.path("platform").path("os").asText() + "/" + child.path("platform").path("architecture")
          .asText(), child.path("digest").asText());
    }
    assertThat(listed).containsOnlyKeys("linux/amd64", "linux/arm64");
    assertThat(result.manifests()).containsExactlyInAnyOrder(
        new PlatformManifest("linux/amd64", listed.get("linux/amd64"), MediaTypes.DOCKER_MANIFEST, "amd"),
        new PlatformManifest("linux/arm64", listed.get("linux/arm64"), MediaTypes.DOCKER_MANIFEST, "arm"));

    List<String> temporary = RegistryTags.of(engine.registry(), repository).stream()
        .filter(tag -> tag.matches(TEMPORARY_TAG)).toList();
    assertThat(temporary).hasSize(2).anyMatch(tag -> tag.startsWith("kbuildx-amd-"))
        .anyMatch(tag -> tag.startsWith("kbuildx-arm-"));
    for (String tag : temporary) {
      String platform = tag.startsWith("kbuildx-amd-") ? "linux/amd64" : "linux/arm64";
      assertThat(engine.registryManifest(repository, tag).digest()).as(tag).isEqualTo(listed.get(platform));
      assertThat(engineApi.inspect(engine.registry() + "/" + repository + ":" + tag)).as(tag).isEmpty();
    }

    assertThat(log.messages()).anyMatch(line -> line.startsWith("[amd] "))
        .anyMatch(line -> line.startsWith("[arm] "))
        .anyMatch(line -> line.startsWith("merging manifest list"))
        .filteredOn(line -> line.contains("pushing " + engine.registry() + "/" + repository + ":kbuildx-"))
        .allMatch(line -> line.startsWith("[amd] pushing " + engine.registry() + "/" + repository + ":kbuildx-amd-")
            || line.startsWith("[arm] pushing " + engine.registry() + "/" + repository + ":kbuildx-arm-"))
        .hasSize(2);
  }

  @Test
  void aDockerEngineNodeCannotBuildTwoPlatforms() throws IOException, InterruptedException {
    Path context = context("FROM scratch\nCOPY run.txt /\n");
    List<Driver> nodes = List.of(
        new DockerDriver("intel", platforms("linux/amd64,linux/386"), environment(engine.dockerHost()), false),
        new DockerDriver("arm", platforms("linux/arm64"), environment(engine.dockerHost()), false));

    assertThatThrownBy(() -> run(nodes, build(context).platforms("linux/386").build()))
        .isInstanceOfSatisfying(InvalidSettingException.class,
            e -> assertThat(e.setting()).isEqualTo("platforms"))
        .hasMessageContaining("\"linux/amd64,linux/386\"")
        .hasMessageContaining("node intel is a Docker Engine");
    assertThat(RegistryTags.of(engine.registry(), repository)).doesNotContain("1", "latest");
  }

  @Test
  void aFailingNodeFailsTheBuildNamingTheNodeAndNothingIsMerged() throws IOException, InterruptedException {
    Path context = context("FROM scratch\nARG TARGETARCH\nCOPY arch-${TARGETARCH}.txt /arch.txt\n", "arch-amd64.txt");

    assertThatThrownBy(() -> run(amdAndArm(engine.dockerHost()), build(context).build()))
        .isInstanceOf(KbuildxException.class)
        .hasMessageContaining("node arm")
        .hasMessageContaining("arch-arm64.txt");
    assertThat(RegistryTags.of(engine.registry(), repository)).doesNotContain("1", "latest");
    assertThat(log.messages()).noneMatch(line -> line.startsWith("merging manifest list"));
  }

  @Test
  void aNodeThatFailsFirstCancelsTheOtherWhichLeavesNoImageInTheEngine() throws InterruptedException {
    Path context = context("FROM scratch\nARG TARGETARCH\nCOPY run.txt /\nCOPY arch-${TARGETARCH}.txt /arch.txt\n",
        "arch-amd64.txt");

    // arm is asked for first, so its failure is seen while amd may still be building.
    assertThatThrownBy(() -> run(amdAndArm(engine.dockerHost()), DockerfileBuild.builder(context)
        .platforms("linux/arm64,linux/amd64").output(Output.Image.of(List.of(first), true)).build()))
        .isInstanceOf(KbuildxException.class)
        .hasMessageContaining("arch-arm64.txt");
    // The build returns while the cancelled node's thread may still be winding down: check once it has ended.
    Await.until("the node threads end", Duration.ofSeconds(60), () -> Thread.getAllStackTraces().keySet().stream()
        .noneMatch(thread -> thread.getName().equals("kbuildx-node")));
    assertThat(engineImagesOf(repository)).isEmpty();
    assertThat(log.messages()).noneMatch(line -> line.startsWith("merging manifest list"));
  }

  @Test
  void anUnreachableNodeFailsTheBuildNamingTheNode() throws IOException, InterruptedException {
    Path context = context("FROM scratch\nCOPY run.txt /\n");
    List<Driver> nodes = List.of(
        new DockerDriver("amd", platforms("linux/amd64"), environment(engine.dockerHost()), false),
        new DockerDriver("arm", platforms("linux/arm64"), environment("unix://" + dir.resolve("absent.sock")), false));

    assertThatThrownBy(() -> run(nodes, build(context).build()))
        .isInstanceOf(KbuildxException.class)
        .hasMessageContaining("node arm")
        .hasMessageContaining("absent.sock");
    assertThat(RegistryTags.of(engine.registry(), repository)).doesNotContain("1", "latest");
    assertThat(log.messages()).noneMatch(line -> line.startsWith("merging manifest list"));
  }

  /** A context with {@code run.txt} and the given files, each holding its own name. */
  private Path context(String dockerfile, String... files) {
    try {
      Path context = Files.createDirectories(dir.resolve("context"));
      Files.writeString(context.resolve("Dockerfile"), dockerfile);
      Files.writeString(context.resolve("run.txt"), runId);
      for (String file : files) {
        Files.writeString(context.resolve(file), file);
      }
      return context;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private DockerfileBuild.Builder build(Path context) {
    return DockerfileBuild.builder(context).platforms("linux/amd64,linux/arm64")
        .output(Output.Image.of(List.of(first, second), true));
  }

  private static List<Driver> amdAndArm(String dockerHost) {
    return List.of(new DockerDriver("amd", platforms("linux/amd64"), environment(dockerHost), false),
        new DockerDriver("arm", platforms("linux/arm64"), environment(dockerHost), false));
  }

  /** The names the engine holds in {@code repository} of the test registry. */
  private List<String> engineImagesOf(String repository) {
    String prefix = engine.registry() + "/" + repository + ":";
    List<String> names = new ArrayList<>();
    for (JsonNode image : engine.engineApi("GET", "/images/json").json()) {
      for (JsonNode tag : image.path("RepoTags")) {
        if (tag.asText().startsWith(prefix)) {
          names.add(tag.asText());
        }
      }
    }
    return names;
  }

  private static List<Platform> platforms(String csv) {
    return Platform.parseList(csv, "platforms");
  }

  private static Map<String, String> environment(String dockerHost) {
    return Map.of("DOCKER_HOST", dockerHost);
  }

  private BuildResult run(List<Driver> nodes, DockerfileBuild build) {
    ImageLoad noLoad = new ImageLoad(false, dir.resolve("work"), () -> {
      throw new AssertionError("nothing is loaded");
    });
    try (BuilderNodes builder = new BuilderNodes(nodes, List.of(), DialTimeout.DEFAULT)) {
      return new BuildRunner(new CredentialsChain(List.of()), noLoad, log).run(builder, build, "");
    }
  }
}
