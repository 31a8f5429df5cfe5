package dev.kbuildx.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kbuildx.engine.TestEngine;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The registry client and the index merge against the real registry of {@code .ci/engine} (no auth). */
class RegistryClientEngineTest {

  private final String registry = TestEngine.require().registry();
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final RegistryClient client = new RegistryClient(FixedSource.NONE, RegistryConfig.NONE);
  private final TestImages images = new TestImages(client);

  @Test
  void mergesDockerAndOciManifestsAndPushesTheIndexToTagsInTwoRepositories() {
    RegistryRepository repository = new RegistryRepository(registry, "kbuildx-test/merge-" + run);
    TestImages.Pushed amd64 = images.push(repository, "linux", "amd64", true);
    TestImages.Pushed arm64 = images.push(repository, "linux", "arm64", false);
    List<MergeSource> sources = List.of(new MergeSource("node-0", amd64.manifest()),
        new MergeSource("node-1", arm64.manifest()));
    ImageReference first = ImageReference.parse(repository + ":one", "tags");
    ImageReference other = ImageReference.parse(registry + "/kbuildx-test/other-" + run + ":two", "tags");

    MergedIndex merged = new ManifestListPublisher(client).publish(sources,
        Map.of("annotation-index.org.opencontainers.image.title", "merged"), List.of(first, other));

    assertThat(merged.mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
    assertThat(merged.children()).extracting(MergedChild::platform).containsExactly("linux/amd64", "linux/arm64");
    for (ImageReference tag : List.of(first, other)) {
      ManifestContent fetched = client.fetchManifest(RegistryRepository.of(tag), tag.tag());
      assertThat(fetched.digest()).isEqualTo(merged.digest());
      assertThat(fetched.mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
      assertThat(fetched.bytes()).isEqualTo(merged.bytes());
      JsonNode index = RegistryJson.read(fetched.bytes(), "fetched index");
      assertThat(index.path("manifests").findValuesAsText("digest"))
          .containsExactly(amd64.manifest().digest(), arm64.manifest().digest());
      assertThat(index.path("manifests").findValuesAsText("architecture")).containsExactly("amd64", "arm64");
      assertThat(index.path("annotations").path("org.opencontainers.image.title").asText()).isEqualTo("merged");
    }
    RegistryRepository otherRepository = RegistryRepository.of(other);
    assertThat(client.manifestExists(otherRepository, arm64.manifest().digest())).isTrue();
    assertThat(client.blobExists(otherRepository, arm64.configDigest())).isTrue();
    assertThat(client.blobExists(otherRepository, amd64.layerDigest())).isTrue();
  }

  @Test
  void flattensTheNodesDockerManifestListsIntoOneDockerManifestList() {
    RegistryRepository repository = new RegistryRepository(registry, "kbuildx-test/lists-" + run);
    TestImages.Pushed amd64 = images.push(repository, "linux", "amd64", true);
    TestImages.Pushed arm64 = images.push(repository, "linux", "arm64", true);
    Descriptor firstList = images.pushIndex(repository, MediaTypes.DOCKER_MANIFEST_LIST, amd64, "linux", "amd64");
    Descriptor secondList = images.pushIndex(repository, MediaTypes.DOCKER_MANIFEST_LIST, arm64, "linux", "arm64");
    ImageReference tag = ImageReference.parse(repository.toString(), "tags");

    MergedIndex merged = new ManifestListPublisher(client).publish(
        List.of(new MergeSource("a", firstList), new MergeSource("b", secondList)), Map.of(), List.of(tag));

    ManifestContent fetched = client.fetchManifest(repository, "latest");
    assertThat(fetched.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST_LIST);
    assertThat(fetched.digest()).isEqualTo(merged.digest());
    assertThat(merged.children()).extracting(MergedChild::digest)
        .containsExactly(amd64.manifest().digest(), arm64.manifest().digest());
    assertThat(merged.children()).extracting(MergedChild::node).containsExactly("a", "b");
  }

  @Test
  void fetchesByDigestAndReadsBlobs() {
    RegistryRepository repository = new RegistryRepository(registry, "kbuildx-test/fetch-" + run);
    TestImages.Pushed image = images.push(repository, "linux", "riscv64", false);

    ManifestContent fetched = client.fetchManifest(repository, image.manifest().digest());

    assertThat(fetched.digest()).isEqualTo(image.manifest().digest()).isEqualTo(Digests.sha256(fetched.bytes()));
    assertThat(fetched.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
    assertThat(client.manifestExists(repository, image.manifest().digest())).isTrue();
    assertThat(new String(client.fetchBlob(repository, image.configDigest()))).contains("\"riscv64\"");
    assertThat(client.blobExists(repository, "sha256:" + "0".repeat(64))).isFalse();
    assertThat(client.pushBlob(repository, client.fetchBlob(repository, image.configDigest())))
        .isEqualTo(image.configDigest());
  }

  @Test
  void aMissingManifestIsReportedWithTheRegistrysError() {
    RegistryRepository repository = new RegistryRepository(registry, "kbuildx-test/missing-" + run);
    images.push(repository, "linux", "amd64", false);

    assertThat(client.manifestExists(repository, "absent")).isFalse();
    assertThatThrownBy(() -> client.fetchManifest(repository, "absent"))
        .isInstanceOfSatisfying(RegistryException.class, e -> {
          assertThat(e.status()).isEqualTo(404);
          assertThat(e.errorCode()).contains("MANIFEST_UNKNOWN");
        })
        .hasMessageStartingWith("GET manifest " + repository + ":absent failed: HTTP 404 MANIFEST_UNKNOWN: manifest unknown");
  }
}
