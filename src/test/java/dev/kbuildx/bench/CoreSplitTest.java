package dev.kbuildx.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoreSplitTest {

  @Test
  void withoutASplitCommandsRunAsGiven() throws Exception {
    try (CoreSplit split = CoreSplit.none()) {
      assertThat(split.wrap(List.of("mvn", "-q", "validate"))).containsExactly("mvn", "-q", "validate");
      assertThat(split.describe()).contains("sharing every core");
    }
  }

  @Test
  void aPinnedProcessRunsOnTheServerCoreUntilTheSplitCloses() throws Exception {
    int cores = Runtime.getRuntime().availableProcessors();
    assumeTrue(cores >= 2, "a split needs two cores");
    Process server = new ProcessBuilder("sleep", "60").start();
    try {
      CoreSplit unsplit = CoreSplit.of(false);
      try (CoreSplit pinning = CoreSplit.across(cores)) {
        pinning.pin(List.of(server.toHandle()));
        assertThat(affinity(server)).isEqualTo(1L << (cores - 1));
        assertThat(pinning.wrap(List.of("buildctl", "du")))
            .containsExactly("taskset", "-c", cores == 2 ? "0" : "0-" + (cores - 2), "buildctl", "du");
        assertThat(pinning.describe()).contains("pinned to core " + (cores - 1));
      }
      assertThat(affinity(server)).isEqualTo((1L << cores) - 1);
      assertThat(unsplit.wrap(List.of("buildctl"))).containsExactly("buildctl");
    } finally {
      server.destroyForcibly();
    }
  }

  /** The mask of the cores the kernel lets the process run on: bit N for core N. */
  private static long affinity(Process process) throws Exception {
    Process taskset = new ProcessBuilder("taskset", "-p", Long.toString(process.pid())).start();
    String output = new String(taskset.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    taskset.waitFor();
    return Long.parseLong(output.substring(output.lastIndexOf(':') + 1).strip(), 16);
  }
}
