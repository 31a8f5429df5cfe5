package dev.kbuildx.real;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kbuildx.buildkit.DockerfileBuild;
import dev.kbuildx.progress.CollectingLog;
import dev.kbuildx.real.RealDaemons.Daemon;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Named build contexts on current BuildKit: {@code FROM base} takes an image pushed before
 * ({@code docker-image://}), {@code COPY --from=extra} a second local directory uploaded with the
 * build; the files written out come from both.
 */
class BuildContextsRealTest {
  @RegisterExtension static final RealDaemons DAEMONS = new RealDaemons();

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Daemon.class)
  void fromAndCopyFromTakeTheNamedContexts(Daemon daemon) throws IOException {
    String base = RealDaemons.uniqueRepository("context-base") + ":1";
    DAEMONS.build(daemon, RealDaemons.tinyBuild(dir.resolve("base")).output(DAEMONS.pushedImage(base)).build(),
        new CollectingLog());
    Path extra = Files.createDirectories(dir.resolve("extra"));
    String extraContent = UUID.randomUUID().toString();
    Files.writeString(extra.resolve("extra.txt"), extraContent);
    Path context = Files.createDirectories(dir.resolve("context"));
    Files.writeString(context.resolve("Dockerfile"), "FROM base\nCOPY --from=extra extra.txt /\n");
    Path out = dir.resolve("out");

    DAEMONS.build(daemon, DockerfileBuild.builder(context).platforms("linux/amd64")
        .buildContext("base=docker-image://" + DAEMONS.registry() + "/" + base)
        .buildContext("extra=" + extra)
        .output("type=local,dest=" + out).build(), new CollectingLog());

    assertThat(out.resolve("hello.txt")).hasContent(Files.readString(dir.resolve("base/hello.txt")));
    assertThat(out.resolve("extra.txt")).hasContent(extraContent);
  }
}
