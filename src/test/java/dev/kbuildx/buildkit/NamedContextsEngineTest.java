package dev.kbuildx.buildkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The test engine's BuildKit (v0.8) predates named contexts: its frontend ignores them and looks for
 * an image of that name, so kbuildx warns before the build fails.
 */
class NamedContextsEngineTest extends EngineBuildTest {

  @Test
  void anEngineTooOldForNamedContextsIsNamedBeforeItsBuildFails() throws IOException {
    Path extra = Files.createDirectories(dir.resolve("extra"));
    Files.writeString(extra.resolve("extra.txt"), "extra");
    Path context = Files.createDirectories(dir.resolve("context"));
    Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY --from=extra extra.txt /\n");
    DockerfileBuild build = DockerfileBuild.builder(context).buildContext("extra=" + extra)
        .output("type=local,dest=" + dir.resolve("out")).build();

    assertThatThrownBy(() -> solver.solve(build, "named-contexts"))
        .isInstanceOf(BuildFailedException.class)
        .hasMessageContaining("library/extra");
    assertThat(log.lines).contains("WARN BuildKit older than v0.11 may ignore the named build contexts extra"
        + " (they need BuildKit v0.10 or newer); if the build then looks for an image of that name, build on a"
        + " newer BuildKit");
  }
}
