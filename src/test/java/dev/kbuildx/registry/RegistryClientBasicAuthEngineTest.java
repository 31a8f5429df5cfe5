package dev.kbuildx.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kbuildx.engine.TestEngine;
import dev.kbuildx.engine.TestEngine.AuthRegistry;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The registry client against the registry of {@code .ci/engine} that requires basic auth. */
class RegistryClientBasicAuthEngineTest {

  private final AuthRegistry registry = TestEngine.requireAuthRegistry();
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final RegistryRepository repository = new RegistryRepository(registry.address(), "kbuildx-test/basic-" + run);

  @Test
  void pushesMergesAndFetchesWithCredentialsLookedUpOnce() {
    FixedSource source = new FixedSource("the test's settings", registry.address(),
        new RegistryCredentials(registry.user(), registry.password()));
    RegistryClient client = new RegistryClient(source, RegistryConfig.NONE);
    TestImages images = new TestImages(client);
    TestImages.Pushed amd64 = images.push(repository, "linux", "amd64", false);
    TestImages.Pushed arm64 = images.push(repository, "linux", "arm64", false);
    ImageReference tag = ImageReference.parse(repository + ":merged", "tags");

    MergedIndex merged = new ManifestListPublisher(client).publish(
        List.of(new MergeSource("n0", amd64.manifest()), new MergeSource("n1", arm64.manifest())), Map.of(), List.of(tag));

    ManifestContent fetched = client.fetchManifest(repository, "merged");
    assertThat(fetched.digest()).isEqualTo(merged.digest());
    assertThat(merged.children()).extracting(MergedChild::platform).containsExactly("linux/amd64", "linux/arm64");
    assertThat(source.lookups).hasValue(1);
  }

  @Test
  void aWrongPasswordIsAClear401WithoutThePassword() {
    String wrong = "wrong-" + registry.password() + "-" + run;
    RegistryClient client = new RegistryClient(new FixedSource("the test's settings", registry.address(),
        new RegistryCredentials(registry.user(), wrong)), RegistryConfig.NONE);

    assertThatThrownBy(() -> client.fetchManifest(repository, "latest"))
        .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.status()).isEqualTo(401))
        .hasMessageStartingWith("GET manifest " + repository + ":latest failed: HTTP 401")
        .hasMessageEndingWith("; the registry refused the credentials for " + registry.address()
            + " from the test's settings")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong).doesNotContain(registry.password()));
  }

  @Test
  void noCredentialsSaysWhereTheyWereLookedFor() {
    RegistryClient client = new RegistryClient(new FixedSource("the test's settings", "elsewhere.example",
        new RegistryCredentials("u", "p")), RegistryConfig.NONE);

    assertThatThrownBy(() -> client.pushBlob(repository, new byte[] {1, 2, 3}))
        .isInstanceOf(RegistryException.class)
        .hasMessageEndingWith("the registry requires a login, and no credentials for " + registry.address()
            + " were found in the test's settings");
  }
}
