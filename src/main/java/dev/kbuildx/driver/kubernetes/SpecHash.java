package dev.kbuildx.driver.kubernetes;

import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SortedMap;

/**
 * The hash stored in {@link dev.kbuildx.driver.kubernetes.BuilderLabels#SPEC_HASH}: hex SHA-256 of the JSON
 * of a node's declared settings. The map is sorted, so equal settings always give equal hashes.
 */
public final class SpecHash {
  private SpecHash() {}

  public static String of(SortedMap<String, String> spec) {
    return sha256(Serialization.asJson(spec));
  }

  /** Hex SHA-256 of the UTF-8 bytes of {@code text}. */
  public static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      // Every Java runtime must provide SHA-256.
      throw new IllegalStateException(e);
    }
  }
}
