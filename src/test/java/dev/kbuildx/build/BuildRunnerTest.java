package dev.kbuildx.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.SettingKey;
import dev.kbuildx.buildkit.DaemonFeatures;
import dev.kbuildx.buildkit.DockerfileBuild;
import dev.kbuildx.buildkit.Output;
import dev.kbuildx.buildkit.SolveRequests;
import dev.kbuildx.buildkit.proto.control.Exporter;
import dev.kbuildx.buildkit.proto.control.SolveRequest;
import dev.kbuildx.driver.BuilderNodes;
import dev.kbuildx.driver.DialTimeout;
import dev.kbuildx.driver.Driver;
import dev.kbuildx.driver.docker.DockerDriver;
import dev.kbuildx.platform.NodeAssignment;
import dev.kbuildx.platform.NodePlatforms;
import dev.kbuildx.platform.Platform;
import dev.kbuildx.platform.PlatformAssignment;
import dev.kbuildx.progress.CollectingLog;
import dev.kbuildx.registry.CredentialsChain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link BuildRunner} decides before any daemon is dialled: the nodes here are Docker Engines
 * whose sockets do not exist, so a build that reached one would fail with a connection error
 * instead of the expected setting error.
 */
class BuildRunnerTest {
  private static final String IMAGE = "127.0.0.1:5000/kbuildx-unit/app:1";
  private static final List<Platform> BOTH = Platform.parseList("linux/amd64,linux/arm64", "platforms");

  @TempDir Path dir;
  private final CollectingLog log = new CollectingLog();

  @BeforeEach
  void dockerfile() throws IOException {
    Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\n");
  }

  @Test
  void oneNodeDeclaredWithBothPlatformsBuildsThemInOneAssignment() {
    List<NodeAssignment> assignments = PlatformAssignment.assign(List.of(new NodePlatforms("multi", BOTH)), BOTH,
        node -> {
          throw new AssertionError("the declared platforms match; no worker needs asking");
        });

    assertThat(assignments).containsExactly(new NodeAssignment("multi", BOTH));
  }

  @Test
  void aMultiPlatformBuildOnOneNodeIsOneRequestForBothPlatformsThatPushesEveryName() {
    DockerfileBuild build = DockerfileBuild.builder(dir).platforms("linux/amd64,linux/arm64")
        .output(Output.Image.of(List.of(IMAGE, "127.0.0.1:5000/kbuildx-unit/app:latest"), true)).build();

    SolveRequest request = SolveRequests.dockerfile(build, DaemonFeatures.CURRENT, "ref1", "session1").request();

    assertThat(request.getFrontendAttrsMap()).containsEntry("platform", "linux/amd64,linux/arm64")
        .doesNotContainKey("multi-platform");
    assertThat(request.getExportersList()).extracting(Exporter::getType).containsExactly("image");
    assertThat(request.getExporters(0).getAttrsMap()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "name", IMAGE + ",127.0.0.1:5000/kbuildx-unit/app:latest", "push", "true"));
  }

  @Test
  void aNodeOfAMultiNodeBuildAsksForAnIndexOfItsOwnPlatformsAndExportsItsOwnOutputs() {
    DockerfileBuild build = DockerfileBuild.builder(dir).platforms("linux/amd64,linux/arm64").target("app")
        .output(Output.Image.of(List.of(IMAGE), true)).build();
    Output.Image byDigest = new Output.Image(List.of("127.0.0.1:5000/kbuildx-unit/app"), true, true, false, Map.of());

    DockerfileBuild node = build.forNode(List.of(BOTH.get(1)), List.of(byDigest), true);
    SolveRequest request = SolveRequests.dockerfile(node, DaemonFeatures.CURRENT, "ref1", "session1").request();

    assertThat(node.multiPlatform()).isTrue();
    assertThat(request.getFrontendAttrsMap()).containsEntry("platform", "linux/arm64")
        .containsEntry("multi-platform", "true").containsEntry("target", "app");
    assertThat(request.getExporters(0).getAttrsMap()).containsEntry("name", "127.0.0.1:5000/kbuildx-unit/app")
        .containsEntry("push-by-digest", "true");
    assertThat(SolveRequests.dockerfile(build.forNode(BOTH, build.outputs(), false), DaemonFeatures.CURRENT, "ref2",
        "session2").request().getFrontendAttrsMap()).doesNotContainKey("multi-platform");
  }

  @Test
  void aMultiNodeBuildRefusesAnOutputThatWouldEndInOnePlacePerNode() {
    for (String output : List.of("type=oci,dest=" + dir.resolve("image.tar"), "type=tar,dest=" + dir.resolve("fs.tar"),
        "type=local,dest=" + dir.resolve("out"))) {
      String type = output.substring("type=".length(), output.indexOf(','));

      assertThatThrownBy(() -> runOnTwoUnreachableEngines(DockerfileBuild.builder(dir).output(output), false))
          .as(output)
          .isInstanceOfSatisfying(InvalidSettingException.class,
              e -> assertThat(e.setting()).isEqualTo(SettingKey.OUTPUTS.key()))
          .hasMessageContaining("\"" + type + "\"")
          .hasMessageContaining("multi-node builds is not supported");
    }
  }

  @Test
  void aMultiNodeBuildRefusesAnImageThatIsNotPushed() {
    assertThatThrownBy(() -> runOnTwoUnreachableEngines(
        DockerfileBuild.builder(dir).output(Output.Image.of(List.of(IMAGE), false)), false))
        .isInstanceOfSatisfying(InvalidSettingException.class,
            e -> assertThat(e.setting()).isEqualTo(EngineBuild.PUSH))
        .hasMessageContaining("push=true");
  }

  @Test
  void aMultiNodeBuildCannotBeLoaded() {
    assertThatThrownBy(() -> runOnTwoUnreachableEngines(
        DockerfileBuild.builder(dir).output(Output.Image.of(List.of(IMAGE), true)), true))
        .isInstanceOfSatisfying(InvalidSettingException.class,
            e -> assertThat(e.setting()).isEqualTo(ImageLoad.LOAD))
        .hasMessageContaining("multi-node build");
  }

  @Test
  void aCacheOnlyBuildCannotBeLoaded() {
    assertThatThrownBy(() -> runOnTwoUnreachableEngines(DockerfileBuild.builder(dir).output("type=cacheonly"), true))
        .isInstanceOfSatisfying(InvalidSettingException.class,
            e -> assertThat(e.setting()).isEqualTo(ImageLoad.LOAD))
        .hasMessageContaining("load and a type=cacheonly output cannot be used together");
  }

  /** Two nodes that each match one requested platform by declaration, so none is asked for its workers. */
  private BuildResult runOnTwoUnreachableEngines(DockerfileBuild.Builder build, boolean load) {
    List<Driver> nodes = List.of(
        new DockerDriver("amd", List.of(BOTH.get(0)), Map.of("DOCKER_HOST", "unix://" + dir.resolve("amd.sock")), false),
        new DockerDriver("arm", List.of(BOTH.get(1)), Map.of("DOCKER_HOST", "unix://" + dir.resolve("arm.sock")), false));
    ImageLoad imageLoad = new ImageLoad(load, dir.resolve("work"), () -> {
      throw new AssertionError("nothing is loaded");
    });
    try (BuilderNodes builder = new BuilderNodes(nodes, List.of(), DialTimeout.DEFAULT)) {
      return new BuildRunner(new CredentialsChain(List.of()), imageLoad, log)
          .run(builder, build.platforms("linux/amd64,linux/arm64").build(), "");
    }
  }
}
