package dev.kbuildx.real;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kbuildx.buildkit.DockerfileBuild;
import dev.kbuildx.progress.CollectingLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many builds in one JVM on a Kubernetes builder, as in a long reactor or a Maven daemon, leave nothing behind. */
class KubernetesBuildLeakTest {
  private static final int WARM_UP = 5;
  private static final int BUILDS = 50;
  private static final int TOLERANCE = 5;

  @TempDir Path dir;

  @Test
  void fiftyBuildsKeepThreadsAndFileDescriptorsFlat() throws IOException {
    try (FreshNamespace namespace = FreshNamespace.create("leak", dir)) {
      Path context = Files.createDirectories(dir.resolve("context"));
      Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY hello.txt /\n");
      Files.writeString(context.resolve("hello.txt"), "hello");
      Path out = dir.resolve("out");
      DockerfileBuild build = DockerfileBuild.builder(context).output("type=local,dest=" + out).build();
      ClusterBuilds builds = new ClusterBuilds(namespace.kubeconfig(), ClusterBuilds.oneNode("leak", "leak0", Map.of()),
          Map.of(), dir.resolve("work"), new CollectingLog());

      for (int i = 0; i < WARM_UP; i++) {
        builds.build(build);
      }
      int threadsBefore = threads();
      long descriptorsBefore = openFileDescriptors();
      for (int i = 0; i < BUILDS; i++) {
        builds.build(build);
      }

      assertThat(Files.readString(out.resolve("hello.txt"))).isEqualTo("hello");
      // The suite's JVM also holds other tests' threads and files, which may end meanwhile: a leak only adds,
      // so only growth counts.
      assertThat(threads()).as("live threads after %d builds", BUILDS).isLessThanOrEqualTo(threadsBefore + TOLERANCE);
      assertThat(openFileDescriptors()).as("open file descriptors after %d builds", BUILDS)
          .isLessThanOrEqualTo(descriptorsBefore + TOLERANCE);
    }
  }

  private static int threads() {
    return ManagementFactory.getThreadMXBean().getThreadCount();
  }

  private static long openFileDescriptors() {
    try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
      return descriptors.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
