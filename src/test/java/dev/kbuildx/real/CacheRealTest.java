package dev.kbuildx.real;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kbuildx.buildkit.DockerfileBuild;
import dev.kbuildx.engine.RegistryManifest;
import dev.kbuildx.progress.CollectingLog;
import dev.kbuildx.real.RealDaemons.Daemon;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Build caches exported by current BuildKit and imported by another daemon that has never built the
 * context (the other of the two, so its own cache cannot be what makes the step CACHED): a local
 * cache directory on this machine, and a cache image in the registry.
 */
class CacheRealTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern COPY_STEP = Pattern.compile("#(\\d+) \\[1/1\\] COPY hello\\.txt /");
  private static final String CACHE_CONFIG = "application/vnd.buildkit.cacheconfig.v0";

  @RegisterExtension static final RealDaemons DAEMONS = new RealDaemons();

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Daemon.class)
  void aLocalCacheExportedByOneDaemonMakesTheOtherSkipTheStep(Daemon exporter) {
    exportThenImport(exporter, attempt -> {
      Path cache = dir.resolve("cache-" + attempt);
      return new CacheRoundTrip("type=local,mode=max,dest=" + cache, "type=local,src=" + cache, () -> {
        JsonNode tagged = readJson(cache.resolve("index.json")).path("manifests").get(0);
        assertThat(tagged.path("annotations").path("org.opencontainers.image.ref.name").asText()).isEqualTo("latest");
        assertThat(cache.resolve("blobs").resolve(tagged.path("digest").asText().replace(':', '/'))).isRegularFile();
      });
    });
  }

  @ParameterizedTest
  @EnumSource(Daemon.class)
  void aRegistryCacheExportedByOneDaemonMakesTheOtherSkipTheStep(Daemon exporter) {
    exportThenImport(exporter, attempt -> {
      String repository = RealDaemons.uniqueRepository("cache");
      String ref = DAEMONS.registry() + "/" + repository + ":cache";
      return new CacheRoundTrip("type=registry,mode=max,ref=" + ref, "type=registry,ref=" + ref, () -> {
        RegistryManifest cacheManifest = DAEMONS.registryContent().manifest(repository, "cache");
        assertThat(cacheManifest.json().findValuesAsText("mediaType")).contains(CACHE_CONFIG);
      });
    });
  }

  /**
   * Builds a new context on {@code exporter} with the attempt's cache export, checks what was
   * exported, then builds it on the other daemon with the import, which must find the COPY step
   * cached. BuildKit treats an import as best effort: a failure to load it is not an error, the
   * step just runs. So a miss is tried once more with new content and a new cache, and the progress
   * of every importing build that missed is shown if the second attempt misses too.
   */
  private void exportThenImport(Daemon exporter, IntFunction<CacheRoundTrip> attempts) {
    List<String> misses = new ArrayList<>();
    for (int attempt = 1; attempt <= 2; attempt++) {
      Path context = RealDaemons.tinyContext(dir.resolve("context-" + attempt), UUID.randomUUID().toString());
      CacheRoundTrip trip = attempts.apply(attempt);
      CollectingLog exporting = build(exporter, DockerfileBuild.builder(context).cacheTo(trip.cacheTo()));
      assertThat(copyCached(exporting)).as("the exporting build's progress: %s", exporting.messages()).isFalse();
      trip.exported().run();
      CollectingLog importing = build(other(exporter), DockerfileBuild.builder(context).cacheFrom(trip.cacheFrom()));
      if (copyCached(importing)) {
        return;
      }
      misses.add("attempt " + attempt + ": " + importing.messages());
    }
    throw new AssertionError("the COPY step was not CACHED on the importing daemon; its progress: " + misses);
  }

  private static JsonNode readJson(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One attempt's cache export and import, and the check of what the export wrote. */
  private record CacheRoundTrip(String cacheTo, String cacheFrom, Runnable exported) {}

  private static CollectingLog build(Daemon daemon, DockerfileBuild.Builder build) {
    CollectingLog log = new CollectingLog();
    DAEMONS.build(daemon, build.platforms("linux/amd64").build(), log);
    return log;
  }

  private static Daemon other(Daemon daemon) {
    return daemon == Daemon.STANDALONE ? Daemon.KUBERNETES : Daemon.STANDALONE;
  }

  /** Whether the plain progress shows the COPY step as CACHED. */
  static boolean copyCached(CollectingLog log) {
    List<String> lines = log.messages();
    String step = lines.stream().map(COPY_STEP::matcher).filter(Matcher::find).map(match -> match.group(1))
        .findFirst().orElseThrow(() -> new AssertionError("no COPY step in the progress: " + lines));
    return lines.contains("#" + step + " CACHED");
  }
}
