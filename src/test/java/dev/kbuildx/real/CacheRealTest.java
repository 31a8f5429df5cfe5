package dev.kbuildx.real;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kbuildx.buildkit.DockerfileBuild;
import dev.kbuildx.engine.RegistryManifest;
import dev.kbuildx.progress.CollectingLog;
import dev.kbuildx.real.RealDaemons.Daemon;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
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
  void aLocalCacheExportedByOneDaemonMakesTheOtherSkipTheStep(Daemon exporter) throws IOException {
    Path context = RealDaemons.tinyContext(dir.resolve("context"), UUID.randomUUID().toString());
    Path cache = dir.resolve("cache");

    CollectingLog exporting = build(exporter, DockerfileBuild.builder(context).cacheTo("type=local,mode=max,dest="
        + cache));
    JsonNode tagged = JSON.readTree(cache.resolve("index.json").toFile()).path("manifests").get(0);
    assertThat(tagged.path("annotations").path("org.opencontainers.image.ref.name").asText()).isEqualTo("latest");
    assertThat(cache.resolve("blobs").resolve(tagged.path("digest").asText().replace(':', '/'))).isRegularFile();
    CollectingLog importing = build(other(exporter), DockerfileBuild.builder(context).cacheFrom("type=local,src="
        + cache));

    assertThat(copyCached(exporting)).isFalse();
    assertThat(copyCached(importing)).isTrue();
  }

  @ParameterizedTest
  @EnumSource(Daemon.class)
  void aRegistryCacheExportedByOneDaemonMakesTheOtherSkipTheStep(Daemon exporter) {
    Path context = RealDaemons.tinyContext(dir.resolve("context"), UUID.randomUUID().toString());
    String repository = RealDaemons.uniqueRepository("cache");
    String ref = DAEMONS.registry() + "/" + repository + ":cache";

    CollectingLog exporting = build(exporter, DockerfileBuild.builder(context).cacheTo("type=registry,mode=max,ref="
        + ref));
    RegistryManifest cacheManifest = DAEMONS.registryContent().manifest(repository, "cache");
    assertThat(cacheManifest.json().findValuesAsText("mediaType")).contains(CACHE_CONFIG);
    CollectingLog importing = build(other(exporter), DockerfileBuild.builder(context).cacheFrom("type=registry,ref="
        + ref));

    assertThat(copyCached(exporting)).isFalse();
    assertThat(copyCached(importing)).isTrue();
  }

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
