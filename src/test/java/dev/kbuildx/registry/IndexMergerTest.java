package dev.kbuildx.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kbuildx.KbuildxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IndexMergerTest {

  private static final String AMD64 = "sha256:" + "a".repeat(64);
  private static final String ARM64 = "sha256:" + "b".repeat(64);
  private static final String AMD64_ATTESTATION = "sha256:" + "c".repeat(64);
  private static final String ARM64_ATTESTATION = "sha256:" + "d".repeat(64);

  private final MemoryContent content = new MemoryContent();

  @Test
  void twoOciIndexesBecomeOneOciIndexInNodeOrderWithAttestationsKept() {
    MergeSource first = new MergeSource("node-0", content.manifest(MediaTypes.OCI_INDEX,
        index(MediaTypes.OCI_INDEX, entry(MediaTypes.OCI_MANIFEST, AMD64, "linux", "amd64", null),
            attestation(AMD64_ATTESTATION, AMD64))));
    MergeSource second = new MergeSource("node-1", content.manifest(MediaTypes.OCI_INDEX,
        index(MediaTypes.OCI_INDEX, entry(MediaTypes.OCI_MANIFEST, ARM64, "linux", "arm64", null),
            attestation(ARM64_ATTESTATION, ARM64))));

    MergedIndex merged = IndexMerger.merge(List.of(first, second), Map.of(), content);

    assertThat(merged.mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
    assertThat(merged.children()).extracting(MergedChild::digest)
        .containsExactly(AMD64, AMD64_ATTESTATION, ARM64, ARM64_ATTESTATION);
    assertThat(merged.children()).extracting(MergedChild::node).containsExactly("node-0", "node-0", "node-1", "node-1");
    assertThat(merged.children()).extracting(MergedChild::platform)
        .containsExactly("linux/amd64", "unknown/unknown", "linux/arm64", "unknown/unknown");
    assertThat(merged.children()).extracting(MergedChild::attestation).containsExactly(false, true, false, true);
    assertThat(merged.images()).extracting(MergedChild::digest).containsExactly(AMD64, ARM64);
    assertThat(new String(merged.bytes(), StandardCharsets.UTF_8)).isEqualTo("""
        {
          "schemaVersion": 2,
          "mediaType": "application/vnd.oci.image.index.v1+json",
          "manifests": [
            {
              "mediaType": "application/vnd.oci.image.manifest.v1+json",
              "digest": "%1$s",
              "size": 1234,
              "platform": {
                "architecture": "amd64",
                "os": "linux"
              }
            },
            {
              "mediaType": "application/vnd.oci.image.manifest.v1+json",
              "digest": "%3$s",
              "size": 567,
              "annotations": {
                "vnd.docker.reference.digest": "%1$s",
                "vnd.docker.reference.type": "attestation-manifest"
              },
              "platform": {
                "architecture": "unknown",
                "os": "unknown"
              }
            },
            {
              "mediaType": "application/vnd.oci.image.manifest.v1+json",
              "digest": "%2$s",
              "size": 1234,
              "platform": {
                "architecture": "arm64",
                "os": "linux"
              }
            },
            {
              "mediaType": "application/vnd.oci.image.manifest.v1+json",
              "digest": "%4$s",
              "size": 567,
              "annotations": {
                "vnd.docker.reference.digest": "%2$s",
                "vnd.docker.reference.type": "attestation-manifest"
              },
              "platform": {
                "architecture": "unknown",
                "os": "unknown"
              }
            }
          ]
        }""".formatted(AMD64, ARM64, AMD64_ATTESTATION, ARM64_ATTESTATION));
    assertThat(merged.digest()).isEqualTo(Digests.sha256(merged.bytes()));
    assertThat(merged.descriptor()).isEqualTo(Descriptor.of(MediaTypes.OCI_INDEX, merged.digest(), merged.bytes().length));
  }

  @Test
  void dockerChildrenOnlyMakeADockerManifestListWithoutAnnotations() {
    MergeSource first = new MergeSource("a", content.manifest(MediaTypes.DOCKER_MANIFEST_LIST,
        index(MediaTypes.DOCKER_MANIFEST_LIST, entry(MediaTypes.DOCKER_MANIFEST, AMD64, "linux", "amd64", null))));
    MergeSource second = new MergeSource("b", content.manifest(MediaTypes.DOCKER_MANIFEST_LIST,
        index(MediaTypes.DOCKER_MANIFEST_LIST, entry(MediaTypes.DOCKER_MANIFEST, ARM64, "linux", "arm64", null))));

    MergedIndex merged = IndexMerger.merge(List.of(first, second),
        Map.of("annotation-index.org.example.k", "v", "annotation-manifest-descriptor.org.example.d", "w"), content);

    assertThat(merged.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST_LIST);
    String json = new String(merged.bytes(), StandardCharsets.UTF_8);
    assertThat(json).contains("\"mediaType\": \"" + MediaTypes.DOCKER_MANIFEST_LIST + "\"")
        .doesNotContain("annotations").doesNotContain("org.example");
    assertThat(merged.children()).allSatisfy(child -> assertThat(child.descriptor().annotations()).isEmpty());
  }

  @Test
  void oneOciChildAmongDockerOnesMakesAnOciIndex() {
    MergeSource docker = new MergeSource("a", content.manifest(MediaTypes.DOCKER_MANIFEST_LIST,
        index(MediaTypes.DOCKER_MANIFEST_LIST, entry(MediaTypes.DOCKER_MANIFEST, AMD64, "linux", "amd64", null))));
    MergeSource oci = new MergeSource("b", content.manifest(MediaTypes.OCI_INDEX,
        index(MediaTypes.OCI_INDEX, entry(MediaTypes.OCI_MANIFEST, ARM64, "linux", "arm64", null))));

    MergedIndex merged = IndexMerger.merge(List.of(docker, oci), Map.of(), content);

    assertThat(merged.mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
    assertThat(merged.children()).extracting(MergedChild::mediaType)
        .containsExactly(MediaTypes.DOCKER_MANIFEST, MediaTypes.OCI_MANIFEST);
  }

  @Test
  void anEntryListedTwiceIsKeptOnceWithMergedAnnotationsAndTheLaterPlatform() {
    MergeSource first = new MergeSource("node-0", content.manifest(MediaTypes.OCI_INDEX, index(MediaTypes.OCI_INDEX,
        entry(MediaTypes.OCI_MANIFEST, AMD64, "linux", "amd64", "\"annotations\": {\"k1\": \"first\", \"k2\": \"first\"}"),
        entry(MediaTypes.OCI_MANIFEST, ARM64, "linux", "arm64", null))));
    MergeSource second = new MergeSource("node-1", content.manifest(MediaTypes.OCI_INDEX, index(MediaTypes.OCI_INDEX,
        entry(MediaTypes.OCI_MANIFEST, AMD64, "linux", "amd64/v2", "\"annotations\": {\"k2\": \"later\", \"k3\": \"later\"}"))));

    MergedIndex merged = IndexMerger.merge(List.of(first, second), Map.of(), content);

    assertThat(merged.children()).extracting(MergedChild::digest).containsExactly(AMD64, ARM64);
    MergedChild amd64 = merged.children().get(0);
    assertThat(amd64.node()).isEqualTo("node-0");
    assertThat(amd64.platform()).isEqualTo("linux/amd64/v2");
    assertThat(amd64.descriptor().annotations()).containsExactly(
        Map.entry("k1", "first"), Map.entry("k2", "later"), Map.entry("k3", "later"));
  }

  @Test
  void exportAnnotationsGoOnTheIndexOnEveryEntryAndOnTheEntriesOfTheirPlatform() {
    MergeSource first = new MergeSource("node-0", content.manifest(MediaTypes.OCI_INDEX,
        index(MediaTypes.OCI_INDEX, entry(MediaTypes.OCI_MANIFEST, AMD64, "linux", "amd64", null),
            attestation(AMD64_ATTESTATION, AMD64))));
    MergeSource second = new MergeSource("node-1", content.manifest(MediaTypes.OCI_INDEX,
        index(MediaTypes.OCI_INDEX, entry(MediaTypes.OCI_MANIFEST, ARM64, "linux", "arm64/v8", null))));

    MergedIndex merged = IndexMerger.merge(List.of(first, second), Map.of(
        "annotation-index.org.opencontainers.image.title", "app",
        "annotation-manifest-descriptor.org.example.all", "yes",
        "annotation-manifest-descriptor[linux/arm64].org.example.arm", "only",
        "annotation.org.example.manifest", "for BuildKit",
        "name", "127.0.0.1:5000/app"), content);

    assertThat(merged.children().get(0).descriptor().annotations()).containsExactly(Map.entry("org.example.all", "yes"));
    assertThat(merged.children().get(1).descriptor().annotations()).contains(Map.entry("org.example.all", "yes"))
        .doesNotContainKey("org.example.arm");
    assertThat(merged.children().get(2).descriptor().annotations())
        .containsExactly(Map.entry("org.example.all", "yes"), Map.entry("org.example.arm", "only"));
    assertThat(RegistryJson.read(merged.bytes(), "merged").path("annotations").toString())
        .isEqualTo("{\"org.opencontainers.image.title\":\"app\"}");
    assertThat(new String(merged.bytes(), StandardCharsets.UTF_8))
        .endsWith("  ],\n  \"annotations\": {\n    \"org.opencontainers.image.title\": \"app\"\n  }\n}")
        .doesNotContain("for BuildKit");
  }

  @Test
  void singleManifestsBecomeEntriesWithThePlatformOfTheirImageConfig() {
    MergeSource arm = new MergeSource("pi", imageManifest(MediaTypes.OCI_MANIFEST, MediaTypes.OCI_CONFIG,
        "{\"architecture\": \"arm\", \"os\": \"linux\", \"variant\": \"v7\", \"rootfs\": {\"type\": \"layers\"}}"));
    Descriptor declared = imageManifest(MediaTypes.OCI_MANIFEST, MediaTypes.OCI_CONFIG,
        "{\"architecture\": \"amd64\", \"os\": \"linux\"}");
    MergeSource withPlatform = new MergeSource("pc", declared.withPlatform(OciPlatform.of("linux", "amd64", "v3")));

    MergedIndex merged = IndexMerger.merge(List.of(arm, withPlatform), Map.of(), content);

    assertThat(merged.children()).extracting(MergedChild::platform).containsExactly("linux/arm/v7", "linux/amd64/v3");
    assertThat(merged.children()).extracting(MergedChild::node).containsExactly("pi", "pc");
    assertThat(merged.children().get(0).descriptor().size()).isEqualTo(arm.descriptor().size());
  }

  @Test
  void schema1IsRefusedAsSourceAndAsEntry() {
    MergeSource schema1 = new MergeSource("old", content.manifest(MediaTypes.DOCKER_SCHEMA1_SIGNED_MANIFEST,
        "{\"schemaVersion\": 1, \"name\": \"app\", \"tag\": \"1\"}"));
    MergeSource listingSchema1 = new MergeSource("old", content.manifest(MediaTypes.DOCKER_MANIFEST_LIST,
        index(MediaTypes.DOCKER_MANIFEST_LIST, entry(MediaTypes.DOCKER_SCHEMA1_MANIFEST, AMD64, "linux", "amd64", null))));

    for (MergeSource source : List.of(schema1, listingSchema1)) {
      assertThatThrownBy(() -> IndexMerger.merge(List.of(source), Map.of(), content))
          .isInstanceOf(KbuildxException.class)
          .hasMessage("schema1 manifests are not allowed in manifest lists");
    }
  }

  @Test
  void aSingleSourceWithoutAnnotationsIsReusedByteForByte() {
    String compact = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":["
        + entry(MediaTypes.OCI_MANIFEST, AMD64, "linux", "amd64", null) + "]}";
    Descriptor only = content.manifest(MediaTypes.OCI_INDEX, compact);

    MergedIndex merged = IndexMerger.merge(List.of(new MergeSource("n", only)), Map.of("name", "x"), content);

    assertThat(merged.bytes()).isEqualTo(compact.getBytes(StandardCharsets.UTF_8));
    assertThat(merged.digest()).isEqualTo(only.digest());
    assertThat(merged.mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
    assertThat(merged.children()).extracting(MergedChild::digest).containsExactly(AMD64);
  }

  @Test
  void aSingleSourceWithAnnotationsIsRewritten() {
    Descriptor only = content.manifest(MediaTypes.OCI_INDEX,
        index(MediaTypes.OCI_INDEX, entry(MediaTypes.OCI_MANIFEST, AMD64, "linux", "amd64", null)));

    MergedIndex merged = IndexMerger.merge(List.of(new MergeSource("n", only)),
        Map.of("annotation-index.k", "v"), content);

    assertThat(merged.digest()).isNotEqualTo(only.digest()).isEqualTo(Digests.sha256(merged.bytes()));
    assertThat(RegistryJson.read(merged.bytes(), "merged").path("annotations").path("k").asText()).isEqualTo("v");
  }

  @Test
  void anUnknownMediaTypeIsNamed() {
    assertThatThrownBy(() -> IndexMerger.merge(List.of(new MergeSource("n",
        content.manifest(MediaTypes.OCI_CONFIG, "{\"schemaVersion\": 2}"))), Map.of(), content))
        .hasMessageContaining("media type " + MediaTypes.OCI_CONFIG + " is neither an image manifest nor an index")
        .hasMessageContaining("of node n");
  }

  private Descriptor imageManifest(String mediaType, String configMediaType, String config) {
    Descriptor configBlob = content.blob(configMediaType, config);
    return content.manifest(mediaType, "{\"schemaVersion\": 2, \"mediaType\": \"" + mediaType + "\", \"config\": {"
        + "\"mediaType\": \"" + configMediaType + "\", \"digest\": \"" + configBlob.digest() + "\", \"size\": "
        + configBlob.size() + "}, \"layers\": []}");
  }

  private static String index(String mediaType, String... entries) {
    return "{\"schemaVersion\": 2, \"mediaType\": \"" + mediaType + "\", \"manifests\": [" + String.join(", ", entries)
        + "]}";
  }

  /** An index entry; {@code arch} may carry a variant ({@code arm64/v8}); {@code extra} more fields. */
  private static String entry(String mediaType, String digest, String os, String arch, String extra) {
    String[] archAndVariant = arch.split("/");
    String variant = archAndVariant.length > 1 ? ", \"variant\": \"" + archAndVariant[1] + "\"" : "";
    return "{\"mediaType\": \"" + mediaType + "\", \"digest\": \"" + digest + "\", \"size\": 1234, "
        + (extra == null ? "" : extra + ", ")
        + "\"platform\": {\"os\": \"" + os + "\", \"architecture\": \"" + archAndVariant[0] + "\"" + variant + "}}";
  }

  private static String attestation(String digest, String subject) {
    return "{\"mediaType\": \"" + MediaTypes.OCI_MANIFEST + "\", \"digest\": \"" + digest + "\", \"size\": 567, "
        + "\"annotations\": {\"vnd.docker.reference.type\": \"attestation-manifest\", "
        + "\"vnd.docker.reference.digest\": \"" + subject + "\"}, "
        + "\"platform\": {\"os\": \"unknown\", \"architecture\": \"unknown\"}}";
  }
}
