package dev.kbuildx.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StartUpCaseTest {
  private static final Path LOG = Path.of("start-up.log");

  @Test
  void theStartUpIsTheTimeFromTheGoalsFirstLineToTheConnection() {
    String output = """
        18:25:47.532 [DEBUG] -- end configuration --
        18:25:47.533 [DEBUG] kbuildx goal started
        18:25:47.900 [DEBUG] -Dio.netty.eventLoopThreads: 4
        18:25:48.785 [DEBUG] Connected to remote tcp://127.0.0.1:1234 in 1159 ms
        18:25:48.786 [INFO] Building /work/Dockerfile on remote tcp://127.0.0.1:1234
        """;

    assertThat(StartUpCase.secondsBetween(output, LOG)).isEqualTo(1.252);
  }

  @Test
  void aRunWithoutTheDebugLinesFailsTheBenchmarkNamingTheLine() {
    assertThatThrownBy(() -> StartUpCase.secondsBetween("18:25:47.533 [DEBUG] kbuildx goal started\n", LOG))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("\"Connected to\"");
  }

  @Test
  void theBareJvmPrintsItsOwnTime() {
    assertThat(StartUpCase.answered("answered after 734 ms\n", LOG)).isEqualTo(0.734);
  }
}
