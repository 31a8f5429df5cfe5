package dev.kbuildx.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildLogTest {
  private static final String TWO_RUNS = """
      [INFO] Scanning for projects...
      [INFO] creating kube0
      [INFO] BUILD SUCCESS
      [INFO] Scanning for projects...
      [ERROR] invalid driver option replicas "abc"
      [INFO] BUILD FAILURE
      """;

  @Test
  void acceptsFragmentsInOrder() {
    BuildLog log = BuildLog.ofText("build.log", TWO_RUNS);

    assertThat(log.containsInOrder("creating kube0", "BUILD SUCCESS", "BUILD FAILURE")).isSameAs(log);
  }

  @Test
  void rejectsFragmentsOutOfOrderNamingTheMissingOne() {
    BuildLog log = BuildLog.ofText("build.log", TWO_RUNS);

    assertThatThrownBy(() -> log.containsInOrder("BUILD FAILURE", "creating kube0"))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("build.log lacks \"creating kube0\" after \"[INFO] BUILD FAILURE\"");
  }

  @Test
  void cutsOutOneMavenRun() {
    BuildLog log = BuildLog.ofText("build.log", TWO_RUNS);

    assertThat(log.invocation(2).text()).contains("invalid driver option").doesNotContain("kube0");
    assertThat(log.invocation(1).text()).contains("creating kube0").doesNotContain("FAILURE");
    assertThatThrownBy(() -> log.invocation(3)).hasMessageStartingWith("build.log has 2 Maven runs, not run 3");
  }

  @Test
  void readsBuildLogWithoutColourCodes(@TempDir Path projectDir) throws Exception {
    Files.writeString(projectDir.resolve("build.log"), "\u001B[0m[INFO] BUILD SUCCESS\n\u001B[0m\u001B[0m\n");

    assertThat(BuildLog.of(projectDir.toFile()).text()).isEqualTo("[INFO] BUILD SUCCESS\n\n");
  }

  @Test
  void dropsTheInvokerHookLines() {
    BuildLog log = BuildLog.ofText("build.log", "Running pre-build script: /it/prebuild.groovy\n"
        + "Finished pre-build script: /it/prebuild.groovy\n"
        + "kind: Deployment\n"
        + "Running post-build script: /it/verify.groovy\n");

    assertThat(log.withoutHookLines().text()).isEqualTo("kind: Deployment\n");
  }

  @Test
  void rejectsUnwantedTextAndFindsLines() {
    BuildLog log = BuildLog.ofText("build.log", TWO_RUNS);

    assertThatThrownBy(() -> log.doesNotContain("BUILD FAILURE"))
        .hasMessageStartingWith("build.log should not contain \"BUILD FAILURE\"");
    assertThat(log.lines("BUILD (SUCCESS|FAILURE)"))
        .containsExactly("[INFO] BUILD SUCCESS", "[INFO] BUILD FAILURE");
  }
}
