package dev.kbuildx.real;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kbuildx.buildkit.DockerfileBuild;
import dev.kbuildx.progress.CollectingLog;
import dev.kbuildx.real.RealDaemons.Daemon;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code noCacheFilter} on current BuildKit: built a second time, the filtered stage's RUN step runs
 * again and writes a new random value, while the other stage's step comes from the cache.
 */
class NoCacheFilterRealTest {
  /** The host's static busybox: RUN needs a program, and the daemons cannot pull a base image. */
  private static final Path BUSYBOX = Path.of("/bin/busybox");

  @RegisterExtension static final RealDaemons DAEMONS = new RealDaemons();

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Daemon.class)
  void rebuildsOnlyTheFilteredStage(Daemon daemon) throws IOException {
    Path context = Files.createDirectories(dir.resolve("context"));
    Files.copy(BUSYBOX, context.resolve("busybox"));
    Files.writeString(context.resolve("Dockerfile"), "FROM scratch AS tools\nCOPY busybox /bin/busybox\n"
        + randomStage("cached") + randomStage("fresh")
        + "FROM scratch\nCOPY --from=cached /cached.txt /\nCOPY --from=fresh /fresh.txt /\n");

    Path first = build(daemon, context, "first", "");
    Path second = build(daemon, context, "second", "fresh");

    assertThat(second.resolve("cached.txt")).hasSameTextualContentAs(first.resolve("cached.txt"));
    assertThat(Files.readString(second.resolve("fresh.txt"))).isNotEqualTo(Files.readString(first.resolve("fresh.txt")));
  }

  /** A stage whose only step writes a random value to {@code /<name>.txt}. */
  private static String randomStage(String name) {
    return "FROM tools AS " + name + "\nRUN [\"/bin/busybox\", \"sh\", \"-c\","
        + " \"/bin/busybox cat /proc/sys/kernel/random/uuid > /" + name + ".txt\"]\n";
  }

  private Path build(Daemon daemon, Path context, String name, String noCacheFilter) {
    Path out = dir.resolve(name);
    DAEMONS.build(daemon, DockerfileBuild.builder(context).platforms("linux/amd64").noCacheFilter(noCacheFilter)
        .output("type=local,dest=" + out).build(), new CollectingLog());
    return out;
  }
}
