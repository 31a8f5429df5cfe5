package dev.kbuildx.buildkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kbuildx.driver.docker.DockerEngineConnector;
import dev.kbuildx.engine.TestEngine;
import dev.kbuildx.progress.ProgressLog;
import dev.kbuildx.registry.CredentialsChain;
import io.grpc.ManagedChannel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dockerfile builds through the real BuildKit of the test Docker Engine. */
class DockerfileSolverEngineTest {
  @TempDir Path dir;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private ManagedChannel channel;
  private DockerfileSolver solver;

  @BeforeEach
  void connect() {
    TestEngine engine = TestEngine.require();
    channel = StreamChannels.open(DockerEngineConnector.of(engine.dockerHost(), null));
    DaemonFeatures daemon = DaemonFeatures.of(new ControlClient(channel).info(), true);
    solver = new DockerfileSolver(channel, daemon, new CredentialsChain(List.of()), log());
  }

  @AfterEach
  void disconnect() throws InterruptedException {
    channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
  }

  @Test
  void copiesExactlyTheFilesThatDockerignoreKeeps() throws IOException {
    Path context = dir.resolve("context");
    write(context.resolve("Dockerfile"), "FROM scratch\nCOPY . /\n");
    write(context.resolve(".dockerignore"), "*.log\nbuild/\n!build/keep.txt\n");
    write(context.resolve("app.txt"), "app");
    write(context.resolve("debug.log"), "noise");
    write(context.resolve("build/out.bin"), "noise");
    write(context.resolve("build/keep.txt"), "kept");
    write(context.resolve("src/a/b.txt"), "nested");
    Path out = dir.resolve("out");

    solver.solve(DockerfileBuild.builder(context).context(".").output("type=local,dest=" + out).build(), "");

    assertThat(files(out)).containsExactlyInAnyOrder(
        "Dockerfile", ".dockerignore", "app.txt", "build/keep.txt", "src/a/b.txt");
    assertThat(Files.readString(out.resolve("build/keep.txt"))).isEqualTo("kept");
    assertThat(lines).anyMatch(line -> line.contains("DONE"));
  }

  private ProgressLog log() {
    return new ProgressLog() {
      @Override
      public void info(String message) {
        lines.add(message);
      }

      @Override
      public void warn(String message) {
        lines.add(message);
      }

      @Override
      public void debug(String message) {
        lines.add(message);
      }
    };
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private static List<String> files(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).toList();
    }
  }
}
