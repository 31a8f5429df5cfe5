package dev.kbuildx.buildkit.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kbuildx.KbuildxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshKeyFileTest {
  @TempDir
  Path dir;

  @Test
  void readsEd25519RsaAndEcdsaKeysWithTheirPublicBlobsAndComments() throws Exception {
    for (TestSshKeys.Generated key : List.of(TestSshKeys.ed25519(), TestSshKeys.rsa(), TestSshKeys.ecdsaP256())) {
      Path file = dir.resolve(key.type());
      TestSshKeys.write(file, key, "me@laptop");

      List<AgentKey> keys = SshKeyFile.read(file);

      assertThat(keys).hasSize(1);
      assertThat(keys.get(0).type()).isEqualTo(key.type());
      assertThat(keys.get(0).publicKeyBlob()).isEqualTo(key.publicKeyBlob());
      assertThat(keys.get(0).comment()).isEqualTo("me@laptop");
      assertThat(keys.get(0)).hasToString("AgentKey[" + key.type() + " me@laptop]");
    }
  }

  @Test
  void anEncryptedKeyIsRefusedNamingTheFileAndTheAgentAsTheWayOut() throws Exception {
    Path file = dir.resolve("id_ed25519");
    TestSshKeys.writeEncrypted(file, TestSshKeys.ed25519());

    assertThatThrownBy(() -> SshKeyFile.read(file))
        .isInstanceOf(KbuildxException.class)
        .hasMessage("the SSH key file " + file + " is protected by a passphrase, which a build cannot ask for; add it"
            + " to your ssh-agent (ssh-add " + file + ") and forward the agent instead (ssh: default)");
  }

  @Test
  void anEncryptedPemKeyIsRefusedAsEncrypted() throws Exception {
    Path file = dir.resolve("id_rsa");
    Files.writeString(file, "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAAA\n"
        + "-----END RSA PRIVATE KEY-----\n");

    assertThatThrownBy(() -> SshKeyFile.read(file)).hasMessageContaining("is protected by a passphrase");
  }

  @Test
  void otherFormatsAreNamed() throws Exception {
    Path pem = dir.resolve("pem");
    Files.writeString(pem, "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
    Path publicKey = dir.resolve("id_ed25519.pub");
    Files.writeString(publicKey, "ssh-ed25519 " + TestSshKeys.ed25519().publicKeyBase64() + " me\n");
    Path text = dir.resolve("notes.txt");
    Files.writeString(text, "hello\n");

    assertThatThrownBy(() -> SshKeyFile.read(pem)).hasMessage("the SSH key file " + pem + " is a PEM key; kbuildx"
        + " reads OpenSSH's own format: convert a copy with ssh-keygen -p -f <copy>, which rewrites it in that format");
    assertThatThrownBy(() -> SshKeyFile.read(publicKey))
        .hasMessage("the SSH key file " + publicKey + " is a public key; give the private key file (without .pub)");
    assertThatThrownBy(() -> SshKeyFile.read(text)).hasMessage("the SSH key file " + text
        + " is not an OpenSSH private key (-----BEGIN OPENSSH PRIVATE KEY-----)");
  }

  @Test
  void anUnsupportedKeyTypeIsNamed() throws Exception {
    Path file = dir.resolve("id_ed25519_sk");
    TestSshKeys.writeUnsupported(file, "sk-ssh-ed25519@openssh.com");

    assertThatThrownBy(() -> SshKeyFile.read(file)).hasMessageStartingWith("the SSH key file " + file
        + " holds a sk-ssh-ed25519@openssh.com key; kbuildx signs with ssh-ed25519, ssh-rsa and"
        + " ecdsa-sha2-nistp256/384/521 keys");
  }

  @Test
  void damagedAndMissingFilesAreNamed() throws Exception {
    Path truncated = dir.resolve("truncated");
    Files.writeString(truncated, "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5v\n"
        + "-----END OPENSSH PRIVATE KEY-----\n");
    Path missing = dir.resolve("missing");

    assertThatThrownBy(() -> SshKeyFile.read(truncated))
        .hasMessage("the SSH key file " + truncated + " is damaged: a field is longer than the data");
    assertThatThrownBy(() -> SshKeyFile.read(missing)).hasMessage("the SSH key file " + missing + " does not exist");
  }
}
