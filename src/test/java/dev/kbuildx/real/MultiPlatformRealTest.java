package dev.kbuildx.real;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kbuildx.build.BuildResult;
import dev.kbuildx.build.PlatformManifest;
import dev.kbuildx.engine.RegistryHttp;
import dev.kbuildx.engine.RegistryManifest;
import dev.kbuildx.progress.CollectingLog;
import dev.kbuildx.real.RealDaemons.Daemon;
import dev.kbuildx.registry.MediaTypes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One node of current BuildKit builds two platforms in one solve and pushes one index. The context
 * only copies a file into an empty image, which needs no emulation for arm64.
 */
class MultiPlatformRealTest {
  @RegisterExtension static final RealDaemons DAEMONS = new RealDaemons();

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Daemon.class)
  void pushesOneIndexWithBothPlatforms(Daemon daemon) {
    String repository = RealDaemons.uniqueRepository("multi");
    RegistryHttp registry = DAEMONS.registryContent();

    BuildResult result = DAEMONS.build(daemon, RealDaemons.tinyBuild(dir).platforms("linux/arm64")
        .output(DAEMONS.pushedImage(repository + ":1"))
        .build(), new CollectingLog());

    RegistryManifest index = registry.manifest(repository, "1");
    assertThat(index.digest()).isEqualTo(result.digest());
    assertThat(index.mediaType()).matches(MediaTypes::isIndex);
    List<String> platforms = new ArrayList<>();
    for (JsonNode child : index.json().path("manifests")) {
      JsonNode platform = child.path("platform");
      platforms.add(platform.path("os").asText() + "/" + platform.path("architecture").asText());
      JsonNode config = registry.jsonBlob(repository,
          registry.manifest(repository, child.path("digest").asText()).json().path("config").path("digest").asText());
      assertThat(config.path("architecture").asText()).isEqualTo(platform.path("architecture").asText());
    }
    assertThat(platforms).containsExactlyInAnyOrder("linux/amd64", "linux/arm64");
    assertThat(result.manifests()).extracting(PlatformManifest::platform)
        .containsExactlyInAnyOrder("linux/amd64", "linux/arm64");
  }
}
