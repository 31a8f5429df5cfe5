package dev.kbuildx.real;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kbuildx.build.BuildResult;
import dev.kbuildx.buildkit.DockerfileBuild;
import dev.kbuildx.progress.CollectingLog;
import dev.kbuildx.real.RealDaemons.Daemon;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code type=cacheonly} on the standalone daemon: the build runs its steps and exports nothing,
 * and the next build of the same context finds those steps in the cache.
 */
class CacheOnlyRealTest {
  @RegisterExtension static final RealDaemons DAEMONS = new RealDaemons();

  @TempDir Path dir;

  @Test
  void aCacheOnlyBuildFillsTheCacheThatALaterLocalExportReuses() throws IOException {
    String content = UUID.randomUUID().toString();
    Path context = RealDaemons.tinyContext(dir.resolve("context"), content);
    Path out = dir.resolve("out");

    CollectingLog filling = new CollectingLog();
    BuildResult cacheOnly = DAEMONS.build(Daemon.STANDALONE, build(context).output("type=cacheonly").build(), filling);
    try (Stream<Path> written = Files.list(dir)) {
      assertThat(written).containsExactly(context);
    }
    CollectingLog exporting = new CollectingLog();
    DAEMONS.build(Daemon.STANDALONE, build(context).output("type=local,dest=" + out).build(), exporting);

    assertThat(cacheOnly.cacheOnly()).isTrue();
    assertThat(cacheOnly.tags()).isEmpty();
    assertThat(CacheRealTest.copyCached(filling)).isFalse();
    assertThat(CacheRealTest.copyCached(exporting)).isTrue();
    assertThat(out.resolve("hello.txt")).hasContent(content);
  }

  private static DockerfileBuild.Builder build(Path context) {
    return DockerfileBuild.builder(context).platforms("linux/amd64");
  }
}
