package dev.kbuildx.bench;

import dev.kbuildx.real.RealBuildkit;
import dev.kbuildx.real.RealCluster;
import dev.kbuildx.real.RealGoClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * kbuildx beside the Go clients, as their users run them: a fresh {@code mvn kbuildx:...} per run
 * against {@code buildctl} and {@code docker-buildx} on the same standalone BuildKit daemon and the
 * same Kubernetes cluster (the real stack: {@code KBUILDX_TEST_*} variables). The contenders take
 * turns within each repetition; the table of min / median per contender and the ratios goes to the
 * console and to {@code side-by-side.md} in the benchmark folder, with the machine and its load.
 * It checks that every run succeeded and sent what it had to, never how fast.
 *
 * <p>Run it with {@code bash .ci/benchmark} (which installs the plugin first); see
 * src/site/markdown/benchmark.md for the cases and the settings.
 */
class SideBySideBenchmark {
  @Test
  void comparesKbuildxWithTheGoClients() throws Exception {
    BenchSettings settings = BenchSettings.fromSystemProperties();
    RealGoClients go = RealGoClients.require();
    RealBuildkit daemon = settings.runs(BenchSettings.TCP) || settings.runs(BenchSettings.START_UP)
        ? RealBuildkit.require() : null;
    Files.createDirectories(settings.work());
    try (CoreSplit split = CoreSplit.of(settings.split())) {
      run(settings, go, daemon, split);
    }
  }

  private static void run(BenchSettings settings, RealGoClients go, RealBuildkit daemon, CoreSplit split)
      throws Exception {
    BenchTools tools = new BenchTools(settings, go, split);
    // Content variants that no earlier run gave the daemons, so that changed files are new to them.
    AtomicLong variants = new AtomicLong(ThreadLocalRandom.current().nextLong(2, 1L << 40));

    String loadBefore = MachineDescription.loadAverage();
    Instant start = Instant.now();
    SideBySideTable table = new SideBySideTable();
    if (settings.runs(BenchSettings.CLUSTER)) {
      try (RealCluster cluster = RealCluster.require();
          ClusterCases cases = new ClusterCases(tools, cluster, variants::incrementAndGet)) {
        cases.run(table);
      }
    }
    if (settings.runs(BenchSettings.TCP)) {
      new TcpCases(tools, daemon, variants::incrementAndGet).run(table);
    }
    if (settings.runs(BenchSettings.START_UP)) {
      if (RealCluster.available()) {
        try (RealCluster cluster = RealCluster.require()) {
          new StartUpCase(tools, daemon, cluster.kubeconfig()).run(table);
        }
      } else {
        new StartUpCase(tools, daemon, null).run(table);
      }
    }
    double minutes = start.until(Instant.now(), ChronoUnit.MILLIS) / 60_000.0;

    String report = String.format(Locale.ROOT, """
        Side-by-side benchmark, %s: %s, %d repetition(s), the whole run took %.1f min.

        Machine: %s; load average (1, 5, 15 min) %s before, %s after; %s.
        %s; %s; %s.

        %s
        Seconds are wall time, min / median; kbuildx runs in a fresh `mvn` each time, and "kbuildx −mvn" \
        subtracts the median of `mvn -q validate` in the same project. Ratios are median against median. \
        Targets are those of issue 12, for information.

        What the JVM of each run spent besides the work (medians; kbuildx / mvn validate, from the \
        counters the JVM keeps for jstat):

        %s
        Loading counts loading, linking and initialising classes on every thread; JIT compiling is the \
        time of the compiler threads, which share the cores with the work.
        """, start.truncatedTo(ChronoUnit.SECONDS), settings.quick() ? "quick (tiny contexts)" : "full",
        settings.repeat(), minutes, MachineDescription.hardware(), loadBefore, MachineDescription.loadAverage(),
        split.describe(), MachineDescription.jdk(), tools.mavenVersion(), tools.goVersions(), table.markdown(),
        table.jvmMarkdown());
    Path file = Files.writeString(settings.work().resolve("side-by-side.md"), report);
    System.out.println();
    System.out.println(report);
    System.out.println("written to " + file);
  }
}
