package dev.kbuildx.buildkit.session;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;

/** A content digest such as {@code sha256:<hex>}, checked strictly because it becomes a file name. */
record BlobDigest(String algorithm, String hex) {
  private static final Map<String, String> JAVA_NAMES = Map.of("sha256", "SHA-256", "sha512", "SHA-512");
  private static final Map<String, Integer> HEX_LENGTHS = Map.of("sha256", 64, "sha512", 128);
  private static final Pattern LOWER_HEX = Pattern.compile("[0-9a-f]+");

  /** @throws IllegalArgumentException naming the value when it is not a sha256 or sha512 digest */
  static BlobDigest parse(String value) {
    int colon = value.indexOf(':');
    String algorithm = colon < 0 ? "" : value.substring(0, colon);
    String hex = value.substring(colon + 1);
    Integer length = HEX_LENGTHS.get(algorithm);
    if (length == null || hex.length() != length || !LOWER_HEX.matcher(hex).matches()) {
      throw new IllegalArgumentException("invalid digest \"" + value + "\": expected sha256:<64 hex digits>");
    }
    return new BlobDigest(algorithm, hex);
  }

  /** The default algorithm of content stores, for writes that announce no digest. */
  static MessageDigest sha256() {
    return hasher("sha256");
  }

  MessageDigest newHasher() {
    return hasher(algorithm);
  }

  static BlobDigest of(MessageDigest hasher) {
    String algorithm = hasher.getAlgorithm().equals("SHA-512") ? "sha512" : "sha256";
    return new BlobDigest(algorithm, HexFormat.of().formatHex(hasher.digest()));
  }

  /** Where an OCI layout keeps this blob: {@code blobs/<algorithm>/<hex>}. */
  Path pathIn(Path layout) {
    return layout.resolve("blobs").resolve(algorithm).resolve(hex);
  }

  @Override
  public String toString() {
    return algorithm + ":" + hex;
  }

  private static MessageDigest hasher(String algorithm) {
    try {
      return MessageDigest.getInstance(JAVA_NAMES.get(algorithm));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides " + algorithm, e);
    }
  }
}
