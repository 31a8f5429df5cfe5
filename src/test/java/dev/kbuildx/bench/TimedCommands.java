package dev.kbuildx.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the benchmark's commands as a user's shell would: a new process each, no input, what it
 * prints kept in a log file of {@code logs} (so that no pipe has to be drained while it runs). A
 * command that fails or hangs fails the benchmark with its log's last lines: figures of failed runs
 * would mean nothing.
 */
final class TimedCommands {
  private static final long TIMEOUT_MINUTES = 15;
  private static final int TAIL_LINES = 30;

  private final Path logs;
  private final CoreSplit split;

  /** @param split confines every command to the client cores, when the benchmark splits them */
  TimedCommands(Path logs, CoreSplit split) throws IOException {
    this.logs = Files.createDirectories(logs);
    this.split = split;
  }

  /** Runs {@code command} in {@code directory} with {@code environment} added, timed and watched for memory. */
  Measured run(String name, List<String> command, Path directory, Map<String, String> environment)
      throws IOException, InterruptedException {
    Path log = logs.resolve(name + ".log");
    ProcessBuilder builder = new ProcessBuilder(split.wrap(command)).directory(directory.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    long startMillis = System.currentTimeMillis();
    long start = System.nanoTime();
    Process process = builder.start();
    PeakRss rss = PeakRss.watch(process);
    boolean ended = process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
    double seconds = (System.nanoTime() - start) / 1e9;
    long peak = rss.stop();
    if (!ended) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new AssertionError(name + " did not end within " + TIMEOUT_MINUTES + " minutes: "
          + String.join(" ", command) + "\n" + tail(log));
    }
    if (process.exitValue() != 0) {
      throw new AssertionError(name + " failed with exit code " + process.exitValue() + ": "
          + String.join(" ", command) + "\n" + tail(log));
    }
    return new Measured(seconds, peak, log, startMillis);
  }

  /** A file beside the logs, for what a command writes about itself. */
  Path file(String name) {
    return logs.resolve(name);
  }

  /** What a run printed. */
  static String output(Measured run) throws IOException {
    return Files.readString(run.log(), StandardCharsets.UTF_8);
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return "last lines of " + log + ":\n"
        + String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
  }
}
