package dev.kbuildx.real;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kbuildx.build.BuildResult;
import dev.kbuildx.engine.RegistryHttp;
import dev.kbuildx.engine.RegistryManifest;
import dev.kbuildx.progress.CollectingLog;
import dev.kbuildx.real.RealDaemons.Daemon;
import dev.kbuildx.registry.MediaTypes;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Provenance attestations from current BuildKit: the pushed index holds the image and an
 * attestation manifest that refers to it, whose layer is an in-toto statement about the image.
 */
class ProvenanceRealTest {
  private static final String REFERENCE_TYPE = "vnd.docker.reference.type";
  private static final String REFERENCE_DIGEST = "vnd.docker.reference.digest";
  private static final String IN_TOTO = "application/vnd.in-toto+json";

  @RegisterExtension static final RealDaemons DAEMONS = new RealDaemons();

  @TempDir Path dir;

  static Stream<Arguments> daemonsAndModes() {
    return Stream.of(Daemon.values()).flatMap(daemon -> Stream.of(Arguments.of(daemon, "min"),
        Arguments.of(daemon, "max")));
  }

  @ParameterizedTest
  @MethodSource("daemonsAndModes")
  void theIndexHoldsAProvenanceStatementAboutTheImage(Daemon daemon, String mode) {
    String repository = RealDaemons.uniqueRepository("provenance");
    RegistryHttp registry = DAEMONS.registryContent();

    BuildResult result = DAEMONS.build(daemon, RealDaemons.tinyBuild(dir).provenance("mode=" + mode)
        .output(DAEMONS.pushedImage(repository + ":1"))
        .build(), new CollectingLog());

    RegistryManifest index = registry.manifest(repository, "1");
    assertThat(index.digest()).isEqualTo(result.digest());
    assertThat(index.mediaType()).isEqualTo(result.mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
    List<JsonNode> children = StreamSupport.stream(index.json().path("manifests").spliterator(), false).toList();
    JsonNode image = children.stream().filter(child -> child.path("annotations").path(REFERENCE_TYPE).isMissingNode())
        .findFirst().orElseThrow();
    JsonNode attestation = children.stream()
        .filter(child -> child.path("annotations").path(REFERENCE_TYPE).asText().equals("attestation-manifest"))
        .findFirst().orElseThrow();
    assertThat(image.path("platform").path("architecture").asText()).isEqualTo("amd64");
    assertThat(attestation.path("annotations").path(REFERENCE_DIGEST).asText()).isEqualTo(image.path("digest").asText());
    assertThat(result.manifests()).singleElement()
        .satisfies(manifest -> assertThat(manifest.digest()).isEqualTo(image.path("digest").asText()));

    JsonNode layer = registry.manifest(repository, attestation.path("digest").asText()).json().path("layers").get(0);
    assertThat(layer.path("mediaType").asText()).isEqualTo(IN_TOTO);
    JsonNode statement = registry.jsonBlob(repository, layer.path("digest").asText());
    assertThat(statement.path("predicateType").asText()).startsWith("https://slsa.dev/provenance/");
    assertThat(statement.path("subject").get(0).path("digest").path("sha256").asText())
        .isEqualTo(image.path("digest").asText().substring("sha256:".length()));
    // Only mode=max records the build definition.
    assertThat(statement.path("predicate").path("buildConfig").isMissingNode()).isEqualTo(mode.equals("min"));
  }
}
