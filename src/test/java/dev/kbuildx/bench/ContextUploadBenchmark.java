package dev.kbuildx.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kbuildx.buildkit.ControlClient;
import dev.kbuildx.buildkit.DaemonFeatures;
import dev.kbuildx.buildkit.DockerfileBuild;
import dev.kbuildx.buildkit.DockerfileSolver;
import dev.kbuildx.buildkit.session.UploadCounters;
import dev.kbuildx.driver.docker.DockerEngineConnector;
import dev.kbuildx.engine.TestEngine;
import dev.kbuildx.registry.CredentialsChain;
import dev.kbuildx.transport.StreamChannels;
import io.grpc.ManagedChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Context upload through the test engine's BuildKit: a generated tree ({@code -Dbench.files},
 * default 20000, of about {@code -Dbench.megabytes}, default 200) built three times under one shared
 * key: first build, no change, {@value #TOUCHED} files changed; then {@code tar c | cat} of the same
 * tree for reference. Prints a table of the figures; it checks what was sent, never how fast.
 *
 * <p>Run it with {@code ./mvnw -B -Pbenchmark test} (after {@code eval "$(bash .ci/engine env)"}):
 * the profile runs only {@code *Benchmark} classes, with a 256 MB heap, so a sender that held the
 * context in memory would fail here.
 */
class ContextUploadBenchmark {
  private static final int TOUCHED = 10;
  private static final String DOCKERFILE = "FROM scratch\nCOPY . /ctx/\n";

  @Test
  void uploadsContextAndPrintsFigures() throws Exception {
    int files = Integer.getInteger("bench.files", 20_000);
    long megabytes = Long.getLong("bench.megabytes", 200);
    Path work = Path.of(System.getProperty("bench.dir", "target/benchmark")).toAbsolutePath();
    System.out.printf(Locale.ROOT, "preparing %d files of about %d MB in %s%n", files, megabytes, work);
    ContextTree tree = ContextTree.prepare(work.resolve("context"), files, megabytes);
    Path dockerfile = work.resolve("dockerfile").resolve("Dockerfile");
    Files.createDirectories(dockerfile.getParent());
    Files.writeString(dockerfile, DOCKERFILE);
    DockerfileBuild build = DockerfileBuild.builder(work).context("context").dockerfile("dockerfile/Dockerfile")
        .build();

    ResultTable table = new ResultTable();
    ManagedChannel channel = StreamChannels.open(DockerEngineConnector.of(TestEngine.require().dockerHost(), null));
    try {
      DaemonFeatures daemon = DaemonFeatures.of(new ControlClient(channel).info(), true);
      // One key for the three builds, new for each benchmark, so that the first build sends everything.
      String sharedKey = "kbuildx-benchmark-" + UUID.randomUUID();

      UploadCounters first = upload("first build", channel, daemon, build, sharedKey, table);
      assertThat(first.fileBytes()).isGreaterThanOrEqualTo(tree.bytes());
      assertThat(first.files()).isGreaterThanOrEqualTo(tree.files());

      UploadCounters unchanged = upload("no change", channel, daemon, build, sharedKey, table);
      assertThat(unchanged.files()).isZero();

      long touchedBytes = tree.touch(TOUCHED);
      try {
        UploadCounters touched = upload(TOUCHED + " files touched", channel, daemon, build, sharedKey, table);
        assertThat(touched.files()).isEqualTo(TOUCHED);
        assertThat(touched.fileBytes()).isEqualTo(touchedBytes);
      } finally {
        tree.restore(TOUCHED);
      }
    } finally {
      channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }

    TarReference.Measurement tar = TarReference.run(tree.root());
    assertThat(tar.bytes()).isGreaterThan(tree.bytes());
    table.add("tar c | cat (reference)", ResultTable.megabytes(tar.bytes()), -1, tar.seconds(), Double.NaN, -1, -1);

    System.out.printf(Locale.ROOT, "%ncontext: %d files, %.1f MB; JVM heap limit %.0f MB, %d processors%n",
        tree.files(), ResultTable.megabytes(tree.bytes()), ResultTable.megabytes(Runtime.getRuntime().maxMemory()),
        Runtime.getRuntime().availableProcessors());
    table.print(System.out);
  }

  private static UploadCounters upload(String run, ManagedChannel channel, DaemonFeatures daemon,
      DockerfileBuild build, String sharedKey, ResultTable table) {
    ContextStepClock clock = new ContextStepClock();
    DockerfileSolver solver = new DockerfileSolver(channel, daemon, new CredentialsChain(List.of()), clock);
    try (HeapWatch heap = HeapWatch.start()) {
      long start = System.nanoTime();
      UploadCounters sent = solver.solve(build, sharedKey).upload();
      double seconds = (System.nanoTime() - start) / 1e9;
      table.add(run, ResultTable.megabytes(sent.fileBytes()), sent.files(), seconds,
          clock.seconds().orElse(Double.NaN), heap.peakBytes(), heap.afterCollectionBytes());
      return sent;
    }
  }
}
