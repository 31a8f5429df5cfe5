package dev.kbuildx.real;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kbuildx.build.BuildResult;
import dev.kbuildx.build.PlatformManifest;
import dev.kbuildx.buildkit.DockerfileBuild;
import dev.kbuildx.buildkit.Output;
import dev.kbuildx.buildkit.SolveResults;
import dev.kbuildx.engine.RegistryManifest;
import dev.kbuildx.platform.Platform;
import dev.kbuildx.progress.CollectingLog;
import dev.kbuildx.real.RealDaemons.Daemon;
import dev.kbuildx.registry.MediaTypes;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Current BuildKit pushes images itself: by tag, by digest (as each node of a multi-node build
 * does), with OCI or Docker media types. Each test reads back what the registry holds.
 */
class ImagePushRealTest {
  @RegisterExtension static final RealDaemons DAEMONS = new RealDaemons();

  @TempDir Path dir;
  private final CollectingLog log = new CollectingLog();

  @ParameterizedTest
  @EnumSource(Daemon.class)
  void pushesUnderTheTagTheManifestWhoseDigestItReports(Daemon daemon) {
    String repository = RealDaemons.uniqueRepository("tag");

    BuildResult result = DAEMONS.build(daemon, RealDaemons.tinyBuild(dir)
        .output(DAEMONS.pushedImage(repository + ":1")).build(), log);

    RegistryManifest tagged = DAEMONS.registryContent().manifest(repository, "1");
    assertThat(result.digest()).startsWith("sha256:").isEqualTo(tagged.digest());
    // BuildKit keeps Docker media types unless asked for OCI ones.
    assertThat(tagged.mediaType()).isEqualTo(result.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
    assertThat(DAEMONS.registryContent().manifest(repository, result.digest()).body()).isEqualTo(tagged.body());
    assertThat(result.manifests()).extracting(PlatformManifest::platform, PlatformManifest::digest)
        .containsExactly(tuple("linux/amd64", tagged.digest()));
  }

  @ParameterizedTest
  @EnumSource(Daemon.class)
  void pushesByDigestWithoutLeavingATag(Daemon daemon) {
    String repository = RealDaemons.uniqueRepository("digest");

    BuildResult result = DAEMONS.build(daemon, RealDaemons.tinyBuild(dir)
        .output(DAEMONS.pushedImage(repository) + ",push-by-digest=true").build(), log);

    RegistryManifest pushed = DAEMONS.registryContent().manifest(repository, result.digest());
    assertThat(pushed.digest()).isEqualTo(result.digest());
    assertThat(pushed.json().path("layers")).hasSize(1);
    assertThat(DAEMONS.registryContent().tags(repository)).isEmpty();
  }

  /** What {@code MultiNodeBuild} asks of each node: an index pushed by digest, reported by its descriptor. */
  @ParameterizedTest
  @EnumSource(Daemon.class)
  void pushesAnIndexByDigestAsEachNodeOfAMultiNodeBuild(Daemon daemon) {
    String repository = RealDaemons.uniqueRepository("node");
    DockerfileBuild build = RealDaemons.tinyBuild(dir).build();
    Output.Image byDigest = new Output.Image(List.of(DAEMONS.registry() + "/" + repository), true, true, true,
        Map.of());

    SolveResults results = DAEMONS.solve(daemon,
        build.forNode(Platform.parseList("linux/amd64", "platforms"), List.of(byDigest), true), log);

    assertThat(results.descriptor()).isNotNull();
    RegistryManifest index = DAEMONS.registryContent().manifest(repository, results.descriptor().digest());
    assertThat(index.mediaType()).isEqualTo(results.descriptor().mediaType()).matches(MediaTypes::isIndex);
    assertThat(index.body()).hasSize((int) results.descriptor().size());
    assertThat(index.json().path("manifests")).singleElement()
        .satisfies(child -> assertThat(child.path("platform").path("architecture").asText()).isEqualTo("amd64"));
    assertThat(DAEMONS.registryContent().tags(repository)).isEmpty();
  }

  /**
   * The standalone daemon reaches the registry over plain HTTP by its own configuration, which kbuildx
   * cannot see: the push stands, and only the read-back for build-result.json is given up, with a warning.
   */
  @Test
  void keepsAPushTheDaemonMadeToARegistryOnlyItKnowsIsPlainHttp() {
    String repository = RealDaemons.uniqueRepository("daemon-http");

    BuildResult result = DAEMONS.build(Daemon.STANDALONE, RealDaemons.tinyBuild(dir)
        .output("type=image,name=" + DAEMONS.registry() + "/" + repository + ":1,push=true").build(), log);

    RegistryManifest tagged = DAEMONS.registryContent().manifest(repository, "1");
    assertThat(result.digest()).isEqualTo(tagged.digest());
    assertThat(result.manifests()).isEmpty();
    assertThat(log.lines).anySatisfy(line -> assertThat(line).startsWith("WARN The image was pushed as "
        + DAEMONS.registry() + "/" + repository + ":1@" + tagged.digest() + ", but kbuildx could not read it back")
        .contains("registry.insecure=true"));
  }

  static Stream<Arguments> daemonsAndMediaTypes() {
    return Stream.of(Daemon.values()).flatMap(daemon -> Stream.of(Arguments.of(daemon, true),
        Arguments.of(daemon, false)));
  }

  @ParameterizedTest
  @MethodSource("daemonsAndMediaTypes")
  void usesOciMediaTypesOnlyWhenAsked(Daemon daemon, boolean oci) {
    String repository = RealDaemons.uniqueRepository("types");

    BuildResult result = DAEMONS.build(daemon, RealDaemons.tinyBuild(dir)
        .output(DAEMONS.pushedImage(repository + ":1") + ",oci-mediatypes=" + oci).build(), log);

    RegistryManifest manifest = DAEMONS.registryContent().manifest(repository, "1");
    JsonNode json = manifest.json();
    assertThat(manifest.mediaType()).isEqualTo(result.mediaType())
        .isEqualTo(oci ? MediaTypes.OCI_MANIFEST : MediaTypes.DOCKER_MANIFEST);
    assertThat(json.path("mediaType").asText()).isEqualTo(manifest.mediaType());
    assertThat(json.path("config").path("mediaType").asText())
        .isEqualTo(oci ? MediaTypes.OCI_CONFIG : MediaTypes.DOCKER_CONFIG);
    assertThat(json.path("layers")).singleElement().satisfies(layer -> assertThat(layer.path("mediaType").asText())
        .isEqualTo(oci ? MediaTypes.OCI_LAYER : MediaTypes.DOCKER_LAYER));
  }
}
