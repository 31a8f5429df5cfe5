package dev.kbuildx.buildkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kbuildx.KbuildxException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SolveResultsTest {
  /** An image exporter's descriptor as BuildKit sends it: base64 of the JSON OCI descriptor. */
  private static final String DESCRIPTOR =
      "eyJtZWRpYVR5cGUiOiJhcHBsaWNhdGlvbi92bmQub2NpLmltYWdlLm1hbmlmZXN0LnYxK2pzb24i"
      + "LCJkaWdlc3QiOiJzaGEyNTY6OGUyYzZkOGE5ZjBmMWMzZTVhN2I5ZDFmM2U1YzdhOWIxZDNmNWU3YzlhMWIzZDVmN2U5YzFhM2I1ZDdm"
      + "OWUxYyIsInNpemUiOjEwNDIsImFubm90YXRpb25zIjp7Im9yZy5vcGVuY29udGFpbmVycy5pbWFnZS5jcmVhdGVkIjoiMjAyNC0wNS0w"
      + "MVQxMDowMDowMFoifX0=";
  private static final String DIGEST = "sha256:8e2c6d8a9f0f1c3e5a7b9d1f3e5c7a9b1d3f5e7c9a1b3d5f7e9c1a3b5d7f9e1c";

  @Test
  void readsDigestDescriptorAndNames() {
    SolveResults results = SolveResults.parse(Map.of(
        "containerimage.digest", DIGEST,
        "containerimage.config.digest", "sha256:" + "c".repeat(64),
        "containerimage.descriptor", DESCRIPTOR,
        "image.name", "localhost:5000/app:1.0,localhost:5000/app:latest",
        "frontend.caps", "x"));

    assertThat(results.digest()).isEqualTo(DIGEST);
    assertThat(results.configDigest()).isEqualTo("sha256:" + "c".repeat(64));
    assertThat(results.descriptor()).isEqualTo(new SolveResults.Descriptor(
        "application/vnd.oci.image.manifest.v1+json", DIGEST, 1042,
        Map.of("org.opencontainers.image.created", "2024-05-01T10:00:00Z")));
    assertThat(results.imageNames()).containsExactly("localhost:5000/app:1.0", "localhost:5000/app:latest");
    assertThat(results.response()).containsEntry("frontend.caps", "x").hasSize(5);
  }

  @Test
  void aBuildWithoutImageHasNoneOfIt() {
    SolveResults results = SolveResults.parse(Map.of());

    assertThat(results.digest()).isNull();
    assertThat(results.configDigest()).isNull();
    assertThat(results.descriptor()).isNull();
    assertThat(results.imageNames()).isEmpty();
  }

  @Test
  void theDockerEngineReportsOnlyTheImageId() {
    SolveResults results = SolveResults.parse(Map.of("containerimage.digest", "sha256:" + "d".repeat(64)));

    assertThat(results.digest()).isEqualTo("sha256:" + "d".repeat(64));
    assertThat(results.descriptor()).isNull();
  }

  @Test
  void anUnreadableDescriptorSaysWhichKey() {
    assertThatThrownBy(() -> SolveResults.parse(Map.of("containerimage.descriptor", "not base64!")))
        .isInstanceOf(KbuildxException.class)
        .hasMessageStartingWith("the daemon reported an unreadable image descriptor (containerimage.descriptor)");
  }
}
