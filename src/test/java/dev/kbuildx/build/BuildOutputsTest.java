package dev.kbuildx.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.buildkit.DockerfileBuild;
import dev.kbuildx.buildkit.Output;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildOutputsTest {
  @TempDir Path dir;

  @BeforeEach
  void dockerfile() throws IOException {
    Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\n");
  }

  private List<Output> outputs(List<String> tags, boolean push, List<String> outputs) {
    DockerfileBuild.Builder build = DockerfileBuild.builder(dir);
    BuildOutputs.apply(build, dir, tags, push, outputs);
    return build.build().outputs();
  }

  @Test
  void tagsNameTheImageWhichIsPushedOnlyWithPush() {
    assertThat(outputs(List.of("registry.example.com/app:1", "registry.example.com/app:latest"), false, List.of()))
        .containsExactly(Output.Image.of(List.of("registry.example.com/app:1", "registry.example.com/app:latest"), false));
    assertThat(outputs(List.of("registry.example.com/app:1"), true, List.of()))
        .containsExactly(Output.Image.of(List.of("registry.example.com/app:1"), true));
  }

  @Test
  void withoutTagsAndOutputsTheBuildOnlyFillsTheCache() {
    assertThat(outputs(List.of(), false, List.of())).isEmpty();
  }

  @Test
  void cacheOnlyExportsNothingAndOptsOutOfDefaultLoad() {
    DockerfileBuild build = build(List.of("app:1"), List.of("type=cacheonly"));

    assertThat(build.outputs()).isEmpty();
    assertThat(build.cacheOnly()).isTrue();
    assertThat(build(List.of(), List.of()).cacheOnly()).isFalse();
  }

  @Test
  void cacheOnlyBesideAnotherOutputAddsNothingAsInBuildx() {
    DockerfileBuild build = build(List.of(), List.of("type=cacheonly", "type=local,dest=out"));

    assertThat(build.outputs()).containsExactly(new Output.LocalDirectory(dir.resolve("out"), Map.of()));
  }

  @Test
  void cacheOnlyCannotBePushed() {
    assertThatThrownBy(() -> outputs(List.of("app:1"), true, List.of("type=cacheonly")))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.setting()).isEqualTo("push"))
        .hasMessageContaining("push and a type=cacheonly output cannot be used together");
  }

  private DockerfileBuild build(List<String> tags, List<String> outputs) {
    DockerfileBuild.Builder build = DockerfileBuild.builder(dir);
    BuildOutputs.apply(build, dir, tags, false, outputs);
    return build.build();
  }

  @Test
  void tagsNameImageOutputsWithoutANameAndLeaveTheOthers() {
    List<Output> outputs = outputs(List.of("app:1"), false,
        List.of("type=image,compression=zstd", "type=image,name=other:2", "type=local,dest=out"));

    assertThat(outputs).containsExactly(
        new Output.Image(List.of("app:1"), false, false, false, Map.of("compression", "zstd")),
        Output.Image.of(List.of("other:2"), false),
        new Output.LocalDirectory(dir.resolve("out"), Map.of()));
  }

  @Test
  void pushNeedsATagAndDoesNotMixWithOutputs() {
    assertThatThrownBy(() -> outputs(List.of(), true, List.of()))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.setting()).isEqualTo("push"))
        .hasMessageContaining("needs at least one image name");
    assertThatThrownBy(() -> outputs(List.of("app:1"), true, List.of("type=local,dest=out")))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.setting()).isEqualTo("push"))
        .hasMessageContaining("type=registry,name=");
  }

  @Test
  void aBadTagOrOutputIsNamed() {
    assertThatThrownBy(() -> outputs(List.of("Bad Name"), false, List.of()))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.setting()).isEqualTo("tags"));
    assertThatThrownBy(() -> outputs(List.of(), false, List.of("type=floppy")))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.setting()).isEqualTo("outputs"));
  }
}
