package dev.kbuildx.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kbuildx.registry.RegistryCredentials;
import dev.kbuildx.registry.RegistryCredentialsException;
import java.nio.file.Path;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uses Maven's own decrypter, with a settings-security.xml as {@code mvn --encrypt-master-password} writes it. */
class SettingsCredentialSourceTest {
  private static final String REGISTRY_PASSWORD = "registry-s3cret-91ab";

  @TempDir
  Path dir;

  private final Settings settings = new Settings();
  private MavenPasswordEncryption encryption;
  private SettingsDecrypter decrypter;

  @BeforeEach
  void writeSettingsSecurity() {
    encryption = new MavenPasswordEncryption(dir);
    decrypter = encryption.decrypter();
  }

  @Test
  void decryptsAnEncryptedPassword() {
    addServer("ghcr.io", "alice", encryption.encrypt(REGISTRY_PASSWORD));

    assertThat(source().lookup("ghcr.io")).contains(new RegistryCredentials("alice", REGISTRY_PASSWORD));
  }

  @Test
  void takesAPlainPasswordAsItIs() {
    addServer("ghcr.io", "alice", "plain-pw");

    assertThat(source().lookup("ghcr.io")).contains(new RegistryCredentials("alice", "plain-pw"));
  }

  @Test
  void triesTheHostWithItsPortThenWithout() {
    addServer("localhost", "without-port", "a");
    assertThat(source().lookup("localhost:5000")).map(RegistryCredentials::username).contains("without-port");

    addServer("localhost:5000", "with-port", "b");
    assertThat(source().lookup("localhost:5000")).map(RegistryCredentials::username).contains("with-port");
  }

  @Test
  void findsDockerHubServersByAnyAlias() {
    addServer("index.docker.io", "hub-user", "hub-pw");

    assertThat(source().lookup("registry-1.docker.io")).map(RegistryCredentials::username).contains("hub-user");
    assertThat(source().lookup("docker.io")).map(RegistryCredentials::username).contains("hub-user");
  }

  @Test
  void comparesServerIdsIgnoringCase() {
    addServer("GHCR.io", "alice", "pw");

    assertThat(source().lookup("ghcr.io")).isPresent();
  }

  @Test
  void skipsServersWithoutCredentialsAndUnknownHosts() {
    Server configOnly = new Server();
    configOnly.setId("ghcr.io");
    settings.addServer(configOnly);

    assertThat(source().lookup("ghcr.io")).isEmpty();
    assertThat(source().lookup("quay.io")).isEmpty();
  }

  @Test
  void aPasswordThatCannotBeDecryptedNamesTheServerButNoPassword() {
    String encrypted = encryption.encryptUndecryptably(REGISTRY_PASSWORD);
    addServer("ghcr.io", "alice", encrypted);

    assertThatThrownBy(() -> source().lookup("ghcr.io"))
        .isInstanceOf(RegistryCredentialsException.class)
        .hasMessageStartingWith("cannot decrypt the password of the settings.xml server \"ghcr.io\": ")
        .hasMessageNotContaining(REGISTRY_PASSWORD)
        .hasMessageNotContaining(encrypted)
        .hasMessageNotContaining(MavenPasswordEncryption.MASTER_PASSWORD);
  }

  @Test
  void aMissingSettingsSecurityIsAnErrorNamingTheServer() {
    decrypter = encryption.decrypterReading(dir.resolve("missing-settings-security.xml"));
    addServer("localhost:5000", "alice", encryption.encrypt(REGISTRY_PASSWORD));

    assertThatThrownBy(() -> source().lookup("localhost:5000"))
        .isInstanceOf(RegistryCredentialsException.class)
        .hasMessageContaining("\"localhost:5000\"")
        .hasMessageNotContaining(REGISTRY_PASSWORD);
  }

  private SettingsCredentialSource source() {
    return new SettingsCredentialSource(settings, decrypter);
  }

  private void addServer(String id, String username, String password) {
    Server server = new Server();
    server.setId(id);
    server.setUsername(username);
    server.setPassword(password);
    settings.addServer(server);
  }
}
