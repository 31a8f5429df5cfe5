package dev.kbuildx.buildkit.session;

import dev.kbuildx.KbuildxException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Reads the private keys of an unencrypted key file in OpenSSH's own format ({@code BEGIN OPENSSH
 * PRIVATE KEY}, what {@code ssh-keygen} writes), as buildx loads {@code --ssh id=<key file>} into an
 * in-memory agent. Ed25519, RSA and ECDSA (nistp256, nistp384, nistp521) keys are supported. A key
 * protected by a passphrase cannot be asked for during a Maven build, so it is refused with advice.
 */
public final class SshKeyFile {
  static final String ED25519 = "ssh-ed25519";
  static final String RSA = "ssh-rsa";
  /** The most buildx reads of a key file. */
  static final int MAX_SIZE = 100 * 1024;

  private static final String BEGIN = "-----BEGIN OPENSSH PRIVATE KEY-----";
  private static final String END = "-----END OPENSSH PRIVATE KEY-----";
  private static final byte[] MAGIC = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);
  private static final String NO_CIPHER = "none";
  /** SSH curve name to the JCA curve and the hash its signatures use (RFC 5656 §6.2.1). */
  private static final Map<String, String[]> CURVES = Map.of(
      "nistp256", new String[] {"secp256r1", "SHA256"},
      "nistp384", new String[] {"secp384r1", "SHA384"},
      "nistp521", new String[] {"secp521r1", "SHA512"});
  private static final String ECDSA_PREFIX = "ecdsa-sha2-";

  private SshKeyFile() {}

  /** The keys of {@code file}; a failure names the file and what to do, never key material. */
  public static List<AgentKey> read(Path file) {
    String text = new String(contents(file), StandardCharsets.UTF_8);
    int begin = text.indexOf(BEGIN);
    int end = text.indexOf(END);
    if (begin < 0 || end < begin) {
      throw new KbuildxException(otherFormat(file, text));
    }
    byte[] decoded;
    try {
      decoded = Base64.getMimeDecoder().decode(text.substring(begin + BEGIN.length(), end));
    } catch (IllegalArgumentException e) {
      throw new KbuildxException("the SSH key file " + file + " is damaged: its base64 does not decode");
    }
    try {
      return parse(decoded, file);
    } catch (SshWire.MalformedException e) {
      throw new KbuildxException("the SSH key file " + file + " is damaged: " + e.getMessage());
    } catch (GeneralSecurityException e) {
      throw new KbuildxException("the SSH key file " + file + " holds a key Java cannot use: " + e.getMessage(), e);
    }
  }

  /** The JCA hash of an {@code ecdsa-sha2-<curve>} key type. */
  static String ecdsaHash(String type) {
    return CURVES.get(type.substring(ECDSA_PREFIX.length()))[1];
  }

  private static byte[] contents(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] data = in.readNBytes(MAX_SIZE + 1);
      if (data.length > MAX_SIZE) {
        throw new KbuildxException("the SSH key file " + file + " is larger than " + MAX_SIZE / 1024
            + " KiB; is it really a private key?");
      }
      return data;
    } catch (NoSuchFileException e) {
      throw new KbuildxException("the SSH key file " + file + " does not exist");
    } catch (IOException e) {
      throw new KbuildxException("cannot read the SSH key file " + file + ": " + e.getMessage(), e);
    }
  }

  private static String otherFormat(Path file, String text) {
    if (text.contains("ENCRYPTED")) {
      return encrypted(file);
    }
    if (text.startsWith("ssh-") || text.startsWith("ecdsa-")) {
      return "the SSH key file " + file + " is a public key; give the private key file (without .pub)";
    }
    if (text.contains("-----BEGIN ")) {
      return "the SSH key file " + file + " is a PEM key; kbuildx reads OpenSSH's own format: convert a copy with"
          + " ssh-keygen -p -f <copy>, which rewrites it in that format";
    }
    return "the SSH key file " + file + " is not an OpenSSH private key (-----BEGIN OPENSSH PRIVATE KEY-----)";
  }

  private static String encrypted(Path file) {
    return "the SSH key file " + file + " is protected by a passphrase, which a build cannot ask for; add it to"
        + " your ssh-agent (ssh-add " + file + ") and forward the agent instead (ssh: default)";
  }

  /** The layout of OpenSSH's PROTOCOL.key: header, public keys, then the (here unencrypted) private section. */
  private static List<AgentKey> parse(byte[] decoded, Path file) throws GeneralSecurityException {
    if (decoded.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(decoded, MAGIC.length), MAGIC)) {
      throw new SshWire.MalformedException("it does not start with openssh-key-v1");
    }
    SshWire.Reader reader = new SshWire.Reader(Arrays.copyOfRange(decoded, MAGIC.length, decoded.length));
    String cipher = reader.readText();
    reader.readText(); // the key derivation function, meaningful only with a cipher
    reader.readString(); // its options
    if (!cipher.equals(NO_CIPHER)) {
      throw new KbuildxException(encrypted(file));
    }
    long count = reader.readUint32();
    for (long i = 0; i < count; i++) {
      reader.readString(); // the public keys are repeated in the private section
    }
    SshWire.Reader section = new SshWire.Reader(reader.readString());
    if (section.readUint32() != section.readUint32()) {
      throw new SshWire.MalformedException("its check numbers differ");
    }
    List<AgentKey> keys = new ArrayList<>();
    for (long i = 0; i < count; i++) {
      keys.add(key(section, file));
    }
    if (keys.isEmpty()) {
      throw new SshWire.MalformedException("it holds no key");
    }
    return keys;
  }

  private static AgentKey key(SshWire.Reader section, Path file) throws GeneralSecurityException {
    String type = section.readText();
    if (type.equals(ED25519)) {
      byte[] publicKey = section.readString();
      byte[] secret = section.readString(); // the 32-byte seed followed by the public key
      if (publicKey.length != 32 || secret.length != 64) {
        throw new SshWire.MalformedException("its Ed25519 key has the wrong length");
      }
      PrivateKey key = KeyFactory.getInstance("Ed25519").generatePrivate(
          new EdECPrivateKeySpec(NamedParameterSpec.ED25519, Arrays.copyOf(secret, 32)));
      byte[] blob = new SshWire.Writer().writeText(type).writeString(publicKey).toByteArray();
      return new AgentKey(type, blob, section.readText(), key);
    }
    if (type.equals(RSA)) {
      BigInteger modulus = section.readMpint();
      BigInteger publicExponent = section.readMpint();
      BigInteger privateExponent = section.readMpint();
      BigInteger crtCoefficient = section.readMpint();
      BigInteger p = section.readMpint();
      BigInteger q = section.readMpint();
      PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateCrtKeySpec(modulus,
          publicExponent, privateExponent, p, q, privateExponent.mod(p.subtract(BigInteger.ONE)),
          privateExponent.mod(q.subtract(BigInteger.ONE)), crtCoefficient));
      byte[] blob = new SshWire.Writer().writeText(type).writeMpint(publicExponent).writeMpint(modulus).toByteArray();
      return new AgentKey(type, blob, section.readText(), key);
    }
    if (type.startsWith(ECDSA_PREFIX) && CURVES.containsKey(type.substring(ECDSA_PREFIX.length()))) {
      String curve = section.readText();
      byte[] point = section.readString();
      BigInteger secret = section.readMpint();
      AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
      parameters.init(new ECGenParameterSpec(CURVES.get(type.substring(ECDSA_PREFIX.length()))[0]));
      PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(
          new ECPrivateKeySpec(secret, parameters.getParameterSpec(ECParameterSpec.class)));
      byte[] blob = new SshWire.Writer().writeText(type).writeText(curve).writeString(point).toByteArray();
      return new AgentKey(type, blob, section.readText(), key);
    }
    throw new KbuildxException("the SSH key file " + file + " holds a " + type + " key; kbuildx signs with"
        + " ssh-ed25519, ssh-rsa and ecdsa-sha2-nistp256/384/521 keys: load others into your ssh-agent and forward"
        + " the agent instead (ssh: default)");
  }
}
