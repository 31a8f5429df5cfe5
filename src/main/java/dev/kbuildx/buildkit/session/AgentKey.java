package dev.kbuildx.buildkit.session;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Arrays;

/**
 * A private key an in-memory agent signs with, and the public key the agent lists for it, in SSH
 * wire form. Its {@link #toString()} names the type and comment only.
 */
public final class AgentKey {
  /** The agent's sign-request flags asking RSA keys for SHA-2 signatures (draft-miller-ssh-agent §4.5.1). */
  static final int RSA_SHA2_256 = 2;
  static final int RSA_SHA2_512 = 4;

  private final String type;
  private final byte[] publicKeyBlob;
  private final String comment;
  private final PrivateKey privateKey;

  AgentKey(String type, byte[] publicKeyBlob, String comment, PrivateKey privateKey) {
    this.type = type;
    this.publicKeyBlob = publicKeyBlob.clone();
    this.comment = comment;
    this.privateKey = privateKey;
  }

  /** The SSH key type, e.g. {@code ssh-ed25519}. */
  public String type() {
    return type;
  }

  /** The public key as SSH encodes it, the way {@code authorized_keys} holds it in base64. */
  public byte[] publicKeyBlob() {
    return publicKeyBlob.clone();
  }

  public String comment() {
    return comment;
  }

  boolean matches(byte[] blob) {
    return Arrays.equals(publicKeyBlob, blob);
  }

  /**
   * Signs {@code data} and returns the SSH signature blob ({@code string algorithm, string
   * signature}). RSA keys sign with SHA-256 or SHA-512 when the flags ask for it, else with SHA-1
   * as {@code ssh-rsa} means.
   */
  public byte[] sign(byte[] data, int flags) throws GeneralSecurityException {
    if (type.equals(SshKeyFile.ED25519)) {
      return blob(type, signature("Ed25519", data));
    }
    if (type.equals(SshKeyFile.RSA)) {
      if ((flags & RSA_SHA2_256) != 0) {
        return blob("rsa-sha2-256", signature("SHA256withRSA", data));
      }
      if ((flags & RSA_SHA2_512) != 0) {
        return blob("rsa-sha2-512", signature("SHA512withRSA", data));
      }
      return blob(type, signature("SHA1withRSA", data));
    }
    return blob(type, ecdsaSignature(data));
  }

  private byte[] signature(String algorithm, byte[] data) throws GeneralSecurityException {
    Signature signer = Signature.getInstance(algorithm);
    signer.initSign(privateKey);
    signer.update(data);
    return signer.sign();
  }

  /** SSH carries ECDSA's r and s as two mpints (RFC 5656 §3.1.2); P1363 gives them as two fixed halves. */
  private byte[] ecdsaSignature(byte[] data) throws GeneralSecurityException {
    byte[] raw = signature(SshKeyFile.ecdsaHash(type) + "withECDSAinP1363Format", data);
    int half = raw.length / 2;
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(raw, 0, half));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(raw, half, raw.length));
    return new SshWire.Writer().writeMpint(r).writeMpint(s).toByteArray();
  }

  private static byte[] blob(String algorithm, byte[] signature) {
    return new SshWire.Writer().writeText(algorithm).writeString(signature).toByteArray();
  }

  @Override
  public String toString() {
    return "AgentKey[" + type + (comment.isEmpty() ? "" : " " + comment) + "]";
  }
}
