package dev.kbuildx.buildkit.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-memory agent answers the agent protocol; its signatures verify with the public keys in JCA. */
class KeyAgentTest {
  private static final byte[] DATA = "session identifier and user auth request".getBytes(StandardCharsets.UTF_8);

  @TempDir
  Path dir;

  @Test
  void listsEveryKeyOfEveryFileWithItsComment() throws Exception {
    TestSshKeys.Generated ed25519 = TestSshKeys.ed25519();
    TestSshKeys.Generated rsa = TestSshKeys.rsa();
    KeyAgent agent = KeyAgent.load(List.of(file("a", ed25519, "deploy@ci"), file("b", rsa, "")));

    SshWire.Reader answer = new SshWire.Reader(agent.answer(new byte[] {AgentMessages.REQUEST_IDENTITIES}));

    assertThat(answer.readByte()).isEqualTo(AgentMessages.IDENTITIES_ANSWER);
    assertThat(answer.readUint32()).isEqualTo(2);
    assertThat(answer.readString()).isEqualTo(ed25519.publicKeyBlob());
    assertThat(answer.readText()).isEqualTo("deploy@ci");
    assertThat(answer.readString()).isEqualTo(rsa.publicKeyBlob());
    assertThat(answer.readText()).isEmpty();
    assertThat(answer.remaining()).isZero();
    assertThat(agent.description()).isEqualTo("key files " + dir.resolve("a") + ", " + dir.resolve("b"));
  }

  @Test
  void signsWithEd25519() throws Exception {
    TestSshKeys.Generated key = TestSshKeys.ed25519();
    SshWire.Reader signature = sign(agentOf(key), key, 0);

    assertThat(signature.readText()).isEqualTo("ssh-ed25519");
    assertThat(verify("Ed25519", key, signature.readString())).isTrue();
  }

  @Test
  void signsWithRsaUsingTheHashTheFlagsAskFor() throws Exception {
    TestSshKeys.Generated key = TestSshKeys.rsa();
    KeyAgent agent = agentOf(key);

    SshWire.Reader sha256 = sign(agent, key, AgentKey.RSA_SHA2_256);
    assertThat(sha256.readText()).isEqualTo("rsa-sha2-256");
    assertThat(verify("SHA256withRSA", key, sha256.readString())).isTrue();

    SshWire.Reader sha512 = sign(agent, key, AgentKey.RSA_SHA2_512);
    assertThat(sha512.readText()).isEqualTo("rsa-sha2-512");
    assertThat(verify("SHA512withRSA", key, sha512.readString())).isTrue();

    SshWire.Reader sha1 = sign(agent, key, 0);
    assertThat(sha1.readText()).isEqualTo("ssh-rsa");
    assertThat(verify("SHA1withRSA", key, sha1.readString())).isTrue();
  }

  @Test
  void signsWithEcdsaP256AsTwoMpints() throws Exception {
    TestSshKeys.Generated key = TestSshKeys.ecdsaP256();
    SshWire.Reader signature = sign(agentOf(key), key, 0);

    assertThat(signature.readText()).isEqualTo("ecdsa-sha2-nistp256");
    SshWire.Reader numbers = new SshWire.Reader(signature.readString());
    byte[] rs = new byte[64];
    copyFixed(numbers.readMpint(), rs, 0);
    copyFixed(numbers.readMpint(), rs, 32);
    assertThat(numbers.remaining()).isZero();
    assertThat(verify("SHA256withECDSAinP1363Format", key, rs)).isTrue();
  }

  @Test
  void refusesToSignWithAKeyItDoesNotHold() throws Exception {
    KeyAgent agent = agentOf(TestSshKeys.ed25519());
    byte[] request = signRequest(TestSshKeys.ed25519().publicKeyBlob(), 0);

    assertThat(agent.answer(request)).containsExactly(AgentMessages.FAILURE);
  }

  @Test
  void refusesEveryOtherRequestAndUnreadableOnes() throws Exception {
    KeyAgent agent = agentOf(TestSshKeys.ed25519());
    int addIdentity = 17;
    int removeAllIdentities = 19;
    int lock = 22;
    int extension = 27;

    for (int type : new int[] {addIdentity, removeAllIdentities, lock, extension}) {
      assertThat(agent.answer(new byte[] {(byte) type, 0, 0, 0, 0})).containsExactly(AgentMessages.FAILURE);
    }
    assertThat(agent.answer(new byte[] {AgentMessages.SIGN_REQUEST, 0, 0, 0, 9})).containsExactly(AgentMessages.FAILURE);
  }

  private Path file(String name, TestSshKeys.Generated key, String comment) throws IOException {
    Path file = dir.resolve(name);
    TestSshKeys.write(file, key, comment);
    return file;
  }

  private KeyAgent agentOf(TestSshKeys.Generated key) throws IOException {
    return KeyAgent.load(List.of(file("id", key, "test")));
  }

  /** Signs {@link #DATA} and returns a reader over the signature blob. */
  private static SshWire.Reader sign(KeyAgent agent, TestSshKeys.Generated key, int flags) {
    SshWire.Reader answer = new SshWire.Reader(agent.answer(signRequest(key.publicKeyBlob(), flags)));
    assertThat(answer.readByte()).isEqualTo(AgentMessages.SIGN_RESPONSE);
    SshWire.Reader signature = new SshWire.Reader(answer.readString());
    assertThat(answer.remaining()).isZero();
    return signature;
  }

  private static byte[] signRequest(byte[] publicKeyBlob, int flags) {
    return new SshWire.Writer().writeByte(AgentMessages.SIGN_REQUEST).writeString(publicKeyBlob).writeString(DATA)
        .writeUint32(flags).toByteArray();
  }

  private static boolean verify(String algorithm, TestSshKeys.Generated key, byte[] signature)
      throws GeneralSecurityException {
    Signature verifier = Signature.getInstance(algorithm);
    verifier.initVerify(key.pair().getPublic());
    verifier.update(DATA);
    return verifier.verify(signature);
  }

  private static void copyFixed(BigInteger value, byte[] target, int offset) {
    byte[] bytes = value.toByteArray();
    int copy = Math.min(bytes.length, 32);
    System.arraycopy(bytes, bytes.length - copy, target, offset + 32 - copy, copy);
  }
}
