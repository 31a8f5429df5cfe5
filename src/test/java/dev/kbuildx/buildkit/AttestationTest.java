package dev.kbuildx.buildkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.buildkit.proto.control.SolveRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attestations as buildx's --attest, --provenance and --sbom declare them, and the frontend attributes they become. */
class AttestationTest {
  @TempDir
  Path base;

  @BeforeEach
  void dockerfile() throws IOException {
    Files.writeString(base.resolve("Dockerfile"), "FROM scratch\n");
  }

  private Map<String, String> frontendAttrs(DockerfileBuild.Builder builder, DaemonFeatures daemon) {
    return SolveRequests.dockerfile(builder.build(), daemon, "ref", "session").request().getFrontendAttrsMap();
  }

  @Test
  void theFrontendGetsTheFieldsOfEachEnabledAttestation() {
    Map<String, String> attrs = frontendAttrs(DockerfileBuild.builder(base)
        .attestation("type=provenance,mode=max,builder-id=https://ci.example/job/7")
        .attestation("TYPE=SBOM,\"generator=registry.example/scanner:1,pinned\""), DaemonFeatures.CURRENT);

    assertThat(attrs)
        .containsEntry("attest:provenance", "mode=max,builder-id=https://ci.example/job/7")
        .containsEntry("attest:sbom", "\"generator=registry.example/scanner:1,pinned\"");
  }

  @Test
  void shorthandsTurnAttestationsOnOrOffOrGiveTheirFields() {
    assertThat(frontendAttrs(DockerfileBuild.builder(base).provenance("true").sbom("1"), DaemonFeatures.CURRENT))
        .containsEntry("attest:provenance", "")
        .containsEntry("attest:sbom", "");
    assertThat(frontendAttrs(DockerfileBuild.builder(base).provenance("mode=min").sbom(" "), DaemonFeatures.CURRENT))
        .containsEntry("attest:provenance", "mode=min")
        .doesNotContainKey("attest:sbom");
    assertThat(frontendAttrs(DockerfileBuild.builder(base).provenance("false").attestation("type=sbom,disabled=true"),
        DaemonFeatures.buildkitd(null)))
        .doesNotContainKeys("attest:provenance", "attest:sbom");
  }

  /**
   * What a current BuildKit (v0.24) reads to run the SBOM scanner: the frontend attribute, next to an
   * untouched image exporter. The scanner image cannot be pulled in the test cluster, so this is
   * checked on the request only.
   */
  @Test
  void aCurrentDaemonIsAskedForAnSbomThroughTheFrontendAttribute() {
    SolveRequest request = SolveRequests.dockerfile(DockerfileBuild.builder(base)
        .sbom("generator=docker/buildkit-syft-scanner:stable-1").provenance("mode=max")
        .output("type=image,name=registry.example/app:1,push=true").build(),
        DaemonFeatures.buildkitd("v0.24.0"), "ref", "session").request();

    assertThat(request.getFrontendAttrsMap())
        .containsEntry("attest:sbom", "generator=docker/buildkit-syft-scanner:stable-1")
        .containsEntry("attest:provenance", "mode=max");
    assertThat(request.getExportersList()).singleElement().satisfies(exporter -> {
      assertThat(exporter.getType()).isEqualTo("image");
      assertThat(exporter.getAttrsMap()).containsOnlyKeys("name", "push");
    });
  }

  @Test
  void nothingIsRequestedByDefault() {
    assertThat(frontendAttrs(DockerfileBuild.builder(base), DaemonFeatures.CURRENT)).containsOnlyKeys("filename");
  }

  @Test
  void badDeclarationsNameTheSettingAndWhatIsAccepted() {
    String accepted = "expected type=provenance[,mode=min|max][,builder-id=...], type=sbom[,generator=<scanner image>],"
        + " or either with disabled=true";
    assertInvalid(() -> Attestation.parse("mode=max"), "mode=max", "type is required; " + accepted);
    assertInvalid(() -> Attestation.parse("type=vex"), "type=vex",
        "BuildKit attaches provenance and sbom attestations, not vex; " + accepted);
    assertInvalid(() -> Attestation.parse("type=provenance,mode=full"), "type=provenance,mode=full",
        "the provenance mode is min or max, not full");
    assertInvalid(() -> Attestation.parse("type=sbom,generator="), "type=sbom,generator=",
        "generator names the scanner image, e.g. docker/buildkit-syft-scanner");
    assertInvalid(() -> DockerfileBuild.builder(base).attestation("type=provenance").provenance("mode=max"), "mode=max",
        "the provenance attestation is already declared");
  }

  @Test
  void daemonsBeforeBuildKit011CannotAttachAttestations() {
    assertThat(Attestation.supportedBy(DaemonFeatures.buildkitd("v0.11.0"))).isTrue();
    assertThat(Attestation.supportedBy(DaemonFeatures.dockerEngine("v0.20.2"))).isTrue();
    assertThat(Attestation.supportedBy(DaemonFeatures.buildkitd("v0.10.6"))).isFalse();
    assertInvalid(() -> frontendAttrs(DockerfileBuild.builder(base).sbom("true"), DaemonFeatures.dockerEngine(null)),
        "type=sbom", "BuildKit older than v0.11 cannot attach attestations; they need BuildKit v0.11 or newer");
  }

  private static void assertInvalid(Runnable action, String value, String accepted) {
    assertThatThrownBy(action::run).isInstanceOfSatisfying(InvalidSettingException.class, e -> {
      assertThat(e.setting()).isEqualTo("attestations");
      assertThat(e.value()).isEqualTo(value);
      assertThat(e.accepted()).isEqualTo(accepted);
    });
  }
}
