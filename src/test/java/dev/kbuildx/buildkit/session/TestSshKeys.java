package dev.kbuildx.buildkit.session;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * SSH keys made with JCA for tests, written as OpenSSH private key files the way {@code
 * ssh-keygen} writes them, so that no ssh tool needs to be installed.
 */
public final class TestSshKeys {
  private static final SecureRandom RANDOM = new SecureRandom();

  private TestSshKeys() {}

  /** A key pair with its SSH type and public key blob. */
  public record Generated(String type, KeyPair pair, byte[] publicKeyBlob, byte[] privateFields) {
    /** The public key as an {@code authorized_keys} line would carry it, base64. */
    public String publicKeyBase64() {
      return Base64.getEncoder().encodeToString(publicKeyBlob);
    }
  }

  public static Generated ed25519() throws GeneralSecurityException {
    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    byte[] encodedPublic = pair.getPublic().getEncoded();
    byte[] publicKey = Arrays.copyOfRange(encodedPublic, encodedPublic.length - 32, encodedPublic.length);
    byte[] encodedPrivate = pair.getPrivate().getEncoded();
    byte[] seed = Arrays.copyOfRange(encodedPrivate, encodedPrivate.length - 32, encodedPrivate.length);
    byte[] secret = new byte[64];
    System.arraycopy(seed, 0, secret, 0, 32);
    System.arraycopy(publicKey, 0, secret, 32, 32);
    return new Generated(SshKeyFile.ED25519, pair,
        new SshWire.Writer().writeText(SshKeyFile.ED25519).writeString(publicKey).toByteArray(),
        new SshWire.Writer().writeString(publicKey).writeString(secret).toByteArray());
  }

  public static Generated rsa() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pair = generator.generateKeyPair();
    RSAPrivateCrtKey key = (RSAPrivateCrtKey) pair.getPrivate();
    return new Generated(SshKeyFile.RSA, pair,
        new SshWire.Writer().writeText(SshKeyFile.RSA).writeMpint(key.getPublicExponent()).writeMpint(key.getModulus())
            .toByteArray(),
        new SshWire.Writer().writeMpint(key.getModulus()).writeMpint(key.getPublicExponent())
            .writeMpint(key.getPrivateExponent()).writeMpint(key.getCrtCoefficient()).writeMpint(key.getPrimeP())
            .writeMpint(key.getPrimeQ()).toByteArray());
  }

  public static Generated ecdsaP256() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    ECPublicKey publicKey = (ECPublicKey) pair.getPublic();
    byte[] point = new byte[65];
    point[0] = 4;
    System.arraycopy(fixed(publicKey.getW().getAffineX(), 32), 0, point, 1, 32);
    System.arraycopy(fixed(publicKey.getW().getAffineY(), 32), 0, point, 33, 32);
    String type = "ecdsa-sha2-nistp256";
    return new Generated(type, pair,
        new SshWire.Writer().writeText(type).writeText("nistp256").writeString(point).toByteArray(),
        new SshWire.Writer().writeText("nistp256").writeString(point)
            .writeMpint(((ECPrivateKey) pair.getPrivate()).getS()).toByteArray());
  }

  /** Writes {@code key} unencrypted in OpenSSH's format (PROTOCOL.key). */
  public static void write(Path file, Generated key, String comment) throws IOException {
    Files.writeString(file, armour(container("none", "none", key.publicKeyBlob(),
        privateSection(key.type(), key.privateFields(), comment))));
  }

  /** Writes a key file that says it is encrypted, as one protected by a passphrase is. */
  public static void writeEncrypted(Path file, Generated key) throws IOException {
    byte[] sealed = new byte[64];
    RANDOM.nextBytes(sealed);
    Files.writeString(file, armour(container("aes256-ctr", "bcrypt", key.publicKeyBlob(), sealed)));
  }

  /** Writes a key file holding a key of a type kbuildx does not sign with. */
  public static void writeUnsupported(Path file, String type) throws IOException {
    byte[] fields = new SshWire.Writer().writeText("fields").toByteArray();
    byte[] blob = new SshWire.Writer().writeText(type).toByteArray();
    Files.writeString(file, armour(container("none", "none", blob, privateSection(type, fields, "x"))));
  }

  private static byte[] privateSection(String type, byte[] fields, String comment) {
    int check = RANDOM.nextInt();
    SshWire.Writer writer = new SshWire.Writer().writeUint32(check & 0xffffffffL).writeUint32(check & 0xffffffffL)
        .writeText(type);
    byte[] head = writer.toByteArray();
    byte[] tail = new SshWire.Writer().writeText(comment).toByteArray();
    int length = head.length + fields.length + tail.length;
    byte[] section = new byte[length + (8 - length % 8) % 8];
    System.arraycopy(head, 0, section, 0, head.length);
    System.arraycopy(fields, 0, section, head.length, fields.length);
    System.arraycopy(tail, 0, section, head.length + fields.length, tail.length);
    for (int i = length, pad = 1; i < section.length; i++, pad++) {
      section[i] = (byte) pad;
    }
    return section;
  }

  private static byte[] container(String cipher, String kdf, byte[] publicKeyBlob, byte[] privateSection) {
    byte[] body = new SshWire.Writer().writeText(cipher).writeText(kdf).writeString(new byte[0]).writeUint32(1)
        .writeString(publicKeyBlob).writeString(privateSection).toByteArray();
    byte[] magic = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);
    byte[] all = Arrays.copyOf(magic, magic.length + body.length);
    System.arraycopy(body, 0, all, magic.length, body.length);
    return all;
  }

  private static String armour(byte[] decoded) {
    return "-----BEGIN OPENSSH PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(70, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(decoded)
        + "\n-----END OPENSSH PRIVATE KEY-----\n";
  }

  private static byte[] fixed(BigInteger value, int length) {
    byte[] bytes = value.toByteArray();
    byte[] out = new byte[length];
    int copy = Math.min(bytes.length, length);
    System.arraycopy(bytes, bytes.length - copy, out, length - copy, copy);
    return out;
  }
}
