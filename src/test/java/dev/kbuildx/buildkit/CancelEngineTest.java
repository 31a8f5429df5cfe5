package dev.kbuildx.buildkit;

import static org.assertj.core.api.Assertions.assertThat;
import dev.kbuildx.Await;
import dev.kbuildx.engine.TestEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;


/** Interrupting the thread that runs a build cancels the build on the engine's BuildKit. */
class CancelEngineTest extends EngineBuildTest {
  private static final Duration STEP_START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration CANCEL_TIMEOUT = Duration.ofSeconds(10);

  private final String runId = UUID.randomUUID().toString().replace("-", "").substring(0, 12);

  @Test
  void interruptingTheSolvingThreadCancelsTheRunningStep() throws Exception {
    Path context = dir.resolve("context");
    Files.createDirectories(context);
    // The marker makes the step new to the cache and its shell findable among the processes; the
    // shell stays (rather than exec sleep) because a command follows the sleep.
    String marker = "started-" + runId;
    String command = "echo " + marker + " && sleep 60 && echo slept";
    Files.writeString(context.resolve("Dockerfile"), "FROM " + TestEngine.BASE_IMAGE + "\nRUN " + command + "\n");
    DockerfileBuild build = DockerfileBuild.builder(context).network(TestEngine.BUILD_NETWORK).build();
    CompletableFuture<Throwable> outcome = new CompletableFuture<>();
    Thread solving = new Thread(() -> {
      try {
        solver.solve(build, "");
        outcome.complete(null);
      } catch (Throwable e) {
        outcome.complete(e);
      }
    }, "solve-" + runId);
    solving.start();

    // The step's own output, not its name, shows that the shell runs.
    Await.until("the RUN step prints " + marker, STEP_START_TIMEOUT, () -> log.messages().stream()
        .anyMatch(line -> line.endsWith(" " + marker) && !line.contains("sleep")));
    // The engine of .ci/engine runs on this machine, so the step's processes show in /proc.
    assertThat(processesMentioning(marker)).as("processes of the running step").isNotEmpty();
    long interruptedAt = System.nanoTime();
    solving.interrupt();
    Throwable error = outcome.get(CANCEL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    Duration cancelling = Duration.ofNanos(System.nanoTime() - interruptedAt);

    assertThat(error).isInstanceOf(BuildFailedException.class);
    assertThat(error.getMessage()).startsWith("build canceled");
    assertThat(cancelling).isLessThan(CANCEL_TIMEOUT);
    assertThat(log.messages()).anyMatch(line -> line.contains("RUN " + command));
    Await.until("the step's processes end", CANCEL_TIMEOUT, () -> processesMentioning(marker).isEmpty());
  }

  /** Ids of the processes whose command line contains {@code text}. */
  private static List<String> processesMentioning(String text) {
    try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
      return processes.filter(path -> path.getFileName().toString().matches("\\d+"))
          .filter(path -> commandLine(path).contains(text))
          .map(path -> path.getFileName().toString())
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static String commandLine(Path process) {
    try {
      return new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
    } catch (IOException | SecurityException gone) {
      return "";
    }
  }
}
