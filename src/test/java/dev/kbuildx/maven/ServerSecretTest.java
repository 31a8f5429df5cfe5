package dev.kbuildx.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.KbuildxException;
import dev.kbuildx.buildkit.session.SecretSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets from settings.xml servers, decrypted by Maven's own decrypter. */
class ServerSecretTest {
  private static final String TOKEN = "npm-token-5e7c";

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
  void readsTheIdAndTheServer() {
    ServerSecret expected = new ServerSecret("npmrc", "npm-registry");

    assertThat(ServerSecret.parse("id=npmrc,server=npm-registry")).contains(expected);
    assertThat(ServerSecret.parse(" Server=npm-registry , ID=npmrc ")).contains(expected);
  }

  @Test
  void leavesOtherSecretsAndMalformedOnesToTheBuild() {
    assertThat(ServerSecret.parse("id=npmrc,src=.npmrc")).isEmpty();
    assertThat(ServerSecret.parse("id=token,env=CI_TOKEN")).isEmpty();
    assertThat(ServerSecret.parse("id=\"unclosed,server=x")).isEmpty();
  }

  @Test
  void aServerSecretTakesNoOtherFields() {
    assertThatThrownBy(() -> ServerSecret.parse("id=npmrc,server=npm-registry,src=.npmrc"))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
          assertThat(e.setting()).isEqualTo("secrets");
          assertThat(e.accepted()).contains("unknown field src").contains(ServerSecret.ACCEPTED);
        });
    assertThatThrownBy(() -> ServerSecret.parse("server=npm-registry"))
        .isInstanceOfSatisfying(InvalidSettingException.class,
            e -> assertThat(e.accepted()).isEqualTo(ServerSecret.ACCEPTED));
  }

  @Test
  void theValueIsTheDecryptedPasswordAndIsNeverPrinted() {
    addServer("npm-registry", encryption.encrypt(TOKEN));

    SecretSource source = new ServerSecret("npmrc", "npm-registry").resolve(settings, decrypter);

    assertThat(source).isInstanceOfSatisfying(SecretSource.FromValue.class, value -> {
      assertThat(new String(value.value(), StandardCharsets.UTF_8)).isEqualTo(TOKEN);
      assertThat(value.origin()).isEqualTo("settings.xml server npm-registry");
    });
    assertThat(source.toString()).doesNotContain(TOKEN);
  }

  @Test
  void aPlainPasswordIsTakenAsItIs() {
    addServer("npm-registry", "plain-token");

    SecretSource.FromValue source = (SecretSource.FromValue) new ServerSecret("npmrc", "npm-registry")
        .resolve(settings, decrypter);

    assertThat(new String(source.value(), StandardCharsets.UTF_8)).isEqualTo("plain-token");
  }

  @Test
  void anUnknownServerIsAnErrorNamingItsId() {
    addServer("npm-registry", TOKEN);

    assertThatThrownBy(() -> new ServerSecret("npmrc", "npm-registri").resolve(settings, decrypter))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.getMessage())
            .contains("\"npm-registri\"").doesNotContain(TOKEN));
  }

  @Test
  void aServerWithoutPasswordIsAnError() {
    addServer("npm-registry", null);

    assertThatThrownBy(() -> new ServerSecret("npmrc", "npm-registry").resolve(settings, decrypter))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("the settings.xml server \"npm-registry\" has no password");
  }

  @Test
  void aPasswordThatCannotBeDecryptedNamesTheServerButNoPassword() {
    String encrypted = encryption.encryptUndecryptably(TOKEN);
    addServer("npm-registry", encrypted);

    assertThatThrownBy(() -> new ServerSecret("npmrc", "npm-registry").resolve(settings, decrypter))
        .isInstanceOf(KbuildxException.class)
        .hasMessageStartingWith("cannot decrypt the password of the settings.xml server \"npm-registry\": ")
        .hasMessageNotContaining(TOKEN)
        .hasMessageNotContaining(encrypted)
        .hasMessageNotContaining(MavenPasswordEncryption.MASTER_PASSWORD);
  }

  private void addServer(String id, String password) {
    Server server = new Server();
    server.setId(id);
    server.setPassword(password);
    settings.addServer(server);
  }
}
