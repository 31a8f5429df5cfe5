package dev.kbuildx.registry;

import static dev.kbuildx.registry.FakeHelpers.HELPER_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class DockerConfigCredentialsTest {
  @TempDir
  Path dir;

  private Path bin;
  private ExecutableFinder executables;

  @BeforeEach
  void installHelpers() throws IOException {
    bin = Files.createDirectories(dir.resolve("bin"));
    executables = FakeHelpers.install(bin);
  }

  @Test
  void decodesBase64AuthSplittingAtTheFirstColon() throws IOException {
    DockerConfigCredentials config = configWith("{\"auths\": {\"ghcr.io\": {\"auth\": \"" + base64("alice:pa:ss") + "\"}}}");

    assertThat(config.lookup("ghcr.io")).contains(new RegistryCredentials("alice", "pa:ss"));
  }

  @Test
  void findsDockerHubUnderTheIndexUrlForEveryAlias() throws IOException {
    DockerConfigCredentials config = configWith(
        "{\"auths\": {\"https://index.docker.io/v1/\": {\"auth\": \"" + base64("hubuser:hubpass") + "\"}}}");

    for (String host : new String[] {"registry-1.docker.io", "docker.io", "index.docker.io"}) {
      assertThat(config.lookup(host)).as(host).contains(new RegistryCredentials("hubuser", "hubpass"));
    }
  }

  @Test
  void matchesKeysWrittenAsUrls() throws IOException {
    DockerConfigCredentials config = configWith(
        "{\"auths\": {\"https://Registry.Example.com/v2/\": {\"username\": \"bob\", \"password\": \"pw\"}}}");

    assertThat(config.lookup("registry.example.com")).contains(new RegistryCredentials("bob", "pw"));
  }

  @Test
  void theExactServerAddressWinsOverAnotherKeyForTheSameHost() throws IOException {
    DockerConfigCredentials config = configWith("{\"auths\": {"
        + "\"docker.io\": {\"username\": \"alias\", \"password\": \"a\"},"
        + "\"https://index.docker.io/v1/\": {\"username\": \"exact\", \"password\": \"b\"}}}");

    assertThat(config.lookup("registry-1.docker.io")).map(RegistryCredentials::username).contains("exact");
  }

  @Test
  void aPortMakesADifferentRegistry() throws IOException {
    DockerConfigCredentials config = configWith("{\"auths\": {\"localhost:5000\": {\"username\": \"u\", \"password\": \"p\"}}}");

    assertThat(config.lookup("localhost:5000")).isPresent();
    assertThat(config.lookup("localhost")).isEmpty();
    assertThat(config.lookup("localhost:5001")).isEmpty();
  }

  @Test
  void anIdentityTokenIsReturnedAsSuch() throws IOException {
    DockerConfigCredentials config = configWith("{\"auths\": {\"myregistry.azurecr.io\": "
        + "{\"auth\": \"" + base64("00000000-0000-0000-0000-000000000000:") + "\", \"identitytoken\": \"refresh-tok\"}}}");

    RegistryCredentials credentials = config.lookup("myregistry.azurecr.io").orElseThrow();

    assertThat(credentials.isIdentityToken()).isTrue();
    assertThat(credentials.secret()).isEqualTo("refresh-tok");
  }

  @Test
  void anUnknownHostHasNoCredentials() throws IOException {
    DockerConfigCredentials config = configWith("{\"auths\": {\"ghcr.io\": {\"auth\": \"" + base64("a:b") + "\"}}}");

    assertThat(config.lookup("quay.io")).isEmpty();
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void anEntryWithoutCredentialsFallsThroughToTheCredentialsStore() throws IOException {
    DockerConfigCredentials config = configWith(
        "{\"auths\": {\"ghcr.io\": {}, \"https://index.docker.io/v1/\": {}}, \"credsStore\": \"test\"}");

    assertThat(config.lookup("ghcr.io")).contains(new RegistryCredentials("helper-user", HELPER_SECRET));
    assertThat(config.lookup("registry-1.docker.io")).hasValueSatisfying(c -> assertThat(c.isIdentityToken()).isTrue());
    assertThat(config.lookup("quay.io")).isEmpty();
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void storedCredentialsComeBeforeHelpers() throws IOException {
    DockerConfigCredentials config = configWith(
        "{\"auths\": {\"ghcr.io\": {\"auth\": \"" + base64("stored:pw") + "\"}}, \"credsStore\": \"test\"}");

    assertThat(config.lookup("ghcr.io")).map(RegistryCredentials::username).contains("stored");
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void aPerHostHelperWinsOverTheCredentialsStore() throws IOException {
    FakeHelpers.installAnswering(bin, "gcr", "oauth2accesstoken", "gcr-token");
    DockerConfigCredentials config = configWith(
        "{\"credHelpers\": {\"https://gcr.io\": \"gcr\"}, \"credsStore\": \"test\"}");

    assertThat(config.lookup("gcr.io")).contains(new RegistryCredentials("oauth2accesstoken", "gcr-token"));
    assertThat(config.lookup("ghcr.io")).map(RegistryCredentials::username).contains("helper-user");
  }

  @Test
  void aMissingHelperNamesTheHelperAndTheConfigFile() throws IOException {
    DockerConfigCredentials config = configWith("{\"credsStore\": \"desktop\"}");

    assertThatThrownBy(() -> config.lookup("ghcr.io"))
        .isInstanceOf(RegistryCredentialsException.class)
        .hasMessageContaining("credentials for ghcr.io from " + config.file())
        .hasMessageContaining("docker-credential-desktop is not on the PATH");
  }

  @Test
  void readsDockerConfigFromTheDockerConfigVariable() throws IOException {
    Path custom = Files.createDirectories(dir.resolve("custom"));
    Files.writeString(custom.resolve("config.json"), "{\"auths\": {\"ghcr.io\": {\"auth\": \"" + base64("env:pw") + "\"}}}");

    DockerConfigCredentials config = DockerConfigCredentials.atDefaultLocation(
        Map.of("DOCKER_CONFIG", custom.toString()), dir.resolve("home"), executables, Duration.ofSeconds(5));

    assertThat(config.file()).isEqualTo(custom.resolve("config.json"));
    assertThat(config.lookup("ghcr.io")).map(RegistryCredentials::username).contains("env");
  }

  @Test
  void readsTheHomeFolderConfigByDefaultAndAMissingOneHasNoCredentials() throws IOException {
    Path home = dir.resolve("home");
    DockerConfigCredentials missing = DockerConfigCredentials.atDefaultLocation(Map.of(), home, executables, Duration.ofSeconds(5));
    assertThat(missing.file()).isEqualTo(home.resolve(".docker").resolve("config.json"));
    assertThat(missing.lookup("ghcr.io")).isEmpty();

    Files.createDirectories(home.resolve(".docker"));
    Files.writeString(home.resolve(".docker/config.json"), "{\"auths\": {\"ghcr.io\": {\"auth\": \"" + base64("home:pw") + "\"}}}");
    DockerConfigCredentials present = DockerConfigCredentials.atDefaultLocation(Map.of(), home, executables, Duration.ofSeconds(5));
    assertThat(present.lookup("ghcr.io")).map(RegistryCredentials::username).contains("home");
  }

  @Test
  void theDefaultConfigIsReadOnTheFirstLookupSoABuildThatNeedsNoCredentialsNeverParsesIt() throws IOException {
    Path home = dir.resolve("home");
    Files.createDirectories(home.resolve(".docker"));
    Files.writeString(home.resolve(".docker/config.json"), "{ not json");

    DockerConfigCredentials config = DockerConfigCredentials.atDefaultLocation(Map.of(), home, executables,
        Duration.ofSeconds(5));

    assertThatThrownBy(() -> config.lookup("ghcr.io"))
        .isInstanceOf(RegistryCredentialsException.class)
        .hasMessageStartingWith("the docker config file " + home.resolve(".docker/config.json") + " is not valid");
  }

  @Test
  void readsAMountedKubernetesPullSecret() throws IOException {
    Path secret = dir.resolve(".dockerconfigjson");
    Files.writeString(secret, "{\"auths\":{\"registry.example.com:8443\":{\"username\":\"ci\",\"password\":\"pull-pw\","
        + "\"email\":\"ci@example.com\",\"auth\":\"" + base64("ci:pull-pw") + "\"}}}");

    DockerConfigCredentials config = DockerConfigCredentials.fromFile(secret, executables, Duration.ofSeconds(5));

    assertThat(config.lookup("registry.example.com:8443")).contains(new RegistryCredentials("ci", "pull-pw"));
  }

  @Test
  void anExplicitFileMustExist() {
    Path missing = dir.resolve("nope.json");

    assertThatThrownBy(() -> DockerConfigCredentials.fromFile(missing, executables, Duration.ofSeconds(5)))
        .isInstanceOf(RegistryCredentialsException.class)
        .hasMessage("the docker config file " + missing + " does not exist");
  }

  @Test
  void invalidJsonIsReportedByPositionNotContent() throws IOException {
    Path file = dir.resolve("config.json");
    Files.writeString(file, "{\"auths\": {\"ghcr.io\": {\"auth\": \"abc\"}},\n  s3cret-token-in-broken-json }");

    assertThatThrownBy(() -> DockerConfigCredentials.fromFile(file, executables, Duration.ofSeconds(5)))
        .isInstanceOf(RegistryCredentialsException.class)
        .hasMessageStartingWith("the docker config file " + file + " is not valid (line 2, column")
        .hasMessageNotContaining("s3cret")
        .hasNoCause();
  }

  @Test
  void authThatIsNotUserColonPasswordIsReportedWithoutIt() throws IOException {
    DockerConfigCredentials noColon = configWith("{\"auths\": {\"ghcr.io\": {\"auth\": \"" + base64("justasecret") + "\"}}}");
    DockerConfigCredentials notBase64 = configWith("{\"auths\": {\"quay.io\": {\"auth\": \"s3cret!!\"}}}");

    assertThatThrownBy(() -> noColon.lookup("ghcr.io"))
        .hasMessageContaining("\"auth\" of \"ghcr.io\" in ")
        .hasMessageEndingWith("is not base64 of username:password")
        .hasMessageNotContaining("justasecret")
        .hasMessageNotContaining(base64("justasecret"));
    assertThatThrownBy(() -> notBase64.lookup("quay.io"))
        .hasMessageNotContaining("s3cret")
        .hasNoCause();
  }

  private DockerConfigCredentials configWith(String json) throws IOException {
    Path file = Files.createTempFile(dir, "config", ".json");
    Files.writeString(file, json);
    return DockerConfigCredentials.fromFile(file, executables, Duration.ofSeconds(10));
  }

  private static String base64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }
}
