package dev.kbuildx.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Bearer token flow against a real docker-registry with {@code auth: token} and an in-process token service. */
class RegistryClientBearerTokenTest {

  @TempDir
  static Path directory;
  private static TokenIssuer issuer;
  private static TokenAuthRegistry registry;

  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @BeforeAll
  static void start() throws Exception {
    issuer = TokenIssuer.start(directory);
    registry = TokenAuthRegistry.start(directory, issuer);
  }

  @AfterAll
  static void stop() throws Exception {
    if (registry != null) {
      registry.close();
    }
    if (issuer != null) {
      issuer.close();
    }
  }

  @Test
  void pushesMergesAndFetchesWithTokensFetchedOncePerScope() {
    RegistryClient client = clientWith(new RegistryCredentials(TokenIssuer.USER, TokenIssuer.PASSWORD));
    RegistryRepository repository = new RegistryRepository(registry.address(), "kbuildx-test/bearer-" + run);
    int before = issuer.requests().size();
    TestImages images = new TestImages(client);
    TestImages.Pushed amd64 = images.push(repository, "linux", "amd64", true);
    TestImages.Pushed arm64 = images.push(repository, "linux", "arm64", false);
    ImageReference tag = ImageReference.parse(repository + ":v1", "tags");
    ImageReference otherRepository = ImageReference.parse(registry.address() + "/kbuildx-test/bearer-copy-" + run + ":v1", "tags");

    MergedIndex merged = new ManifestListPublisher(client).publish(
        List.of(new MergeSource("n0", amd64.manifest()), new MergeSource("n1", arm64.manifest())), Map.of(),
        List.of(tag, otherRepository));

    assertThat(client.fetchManifest(repository, "v1").digest()).isEqualTo(merged.digest());
    assertThat(client.fetchManifest(RegistryRepository.of(otherRepository), "v1").digest()).isEqualTo(merged.digest());
    List<TokenIssuer.Request> requests = issuer.requests().subList(before, issuer.requests().size());
    assertThat(requests).allSatisfy(request -> {
      assertThat(request.method()).isEqualTo("GET");
      assertThat(request.authentication()).isEqualTo("basic");
    });
    assertThat(requests).extracting(TokenIssuer.Request::scopes)
        .contains(List.of("repository:" + repository.path() + ":pull"),
            List.of("repository:" + repository.path() + ":pull,push"))
        .anySatisfy(scopes -> assertThat(scopes).containsExactly(
            "repository:kbuildx-test/bearer-copy-" + run + ":pull,push", "repository:" + repository.path() + ":pull"));
    Set<List<String>> distinct = new HashSet<>(requests.stream().map(TokenIssuer.Request::scopes).toList());
    assertThat(distinct).hasSameSizeAs(requests);
  }

  @Test
  void anIdentityTokenIsExchangedWithTheOAuth2RefreshGrant() {
    RegistryClient client = clientWith(RegistryCredentials.identityToken(TokenIssuer.REFRESH_TOKEN));
    RegistryRepository repository = new RegistryRepository(registry.address(), "kbuildx-test/identity-" + run);
    int before = issuer.requests().size();

    TestImages.Pushed image = new TestImages(client).push(repository, "linux", "amd64", false);

    assertThat(client.fetchManifest(repository, image.manifest().digest()).digest()).isEqualTo(image.manifest().digest());
    assertThat(issuer.requests().subList(before, issuer.requests().size()))
        .isNotEmpty()
        .allSatisfy(request -> assertThat(request.authentication()).isEqualTo("refresh_token"));
  }

  @Test
  void aRefusedPasswordNamesTheTokenServiceButNotThePassword() {
    String wrong = "wrong-" + TokenIssuer.PASSWORD;
    RegistryClient client = clientWith(new RegistryCredentials(TokenIssuer.USER, wrong));
    RegistryRepository repository = new RegistryRepository(registry.address(), "kbuildx-test/refused-" + run);

    assertThatThrownBy(() -> client.fetchManifest(repository, "latest"))
        .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.status()).isEqualTo(401))
        .hasMessage("the token service " + issuer.realm() + " of " + registry.address() + " refused a token for"
            + " repository:" + repository.path() + ":pull: HTTP 401 (UNAUTHORIZED: invalid credentials);"
            + " check the credentials for " + registry.address() + " from the test's credentials")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong));
  }

  private RegistryClient clientWith(RegistryCredentials credentials) {
    return new RegistryClient(new FixedSource("the test's credentials", registry.address(), credentials), RegistryConfig.NONE);
  }
}
