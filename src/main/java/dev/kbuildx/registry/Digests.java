package dev.kbuildx.registry;

import dev.kbuildx.KbuildxException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;

/** Content digests ({@code algorithm:hex}) as OCI content addresses them. */
public final class Digests {

  private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+");
  /** The algorithms registries use, by their OCI name. */
  private static final Map<String, String> ALGORITHMS = Map.of("sha256", "SHA-256", "sha512", "SHA-512");

  private Digests() {}

  public static String sha256(byte[] content) {
    return compute("sha256", content);
  }

  public static boolean isDigest(String reference) {
    return reference != null && DIGEST.matcher(reference).matches();
  }

  /** Whether {@code content} has {@code digest}; an algorithm other than sha256/sha512 is an error. */
  public static boolean matches(String digest, byte[] content) {
    int colon = digest.indexOf(':');
    String algorithm = colon < 0 ? "" : digest.substring(0, colon);
    if (!ALGORITHMS.containsKey(algorithm)) {
      throw new KbuildxException("cannot verify the digest " + digest + ": only sha256 and sha512 are supported");
    }
    return compute(algorithm, content).equalsIgnoreCase(digest);
  }

  private static String compute(String algorithm, byte[] content) {
    try {
      MessageDigest digest = MessageDigest.getInstance(ALGORITHMS.get(algorithm));
      return algorithm + ":" + HexFormat.of().formatHex(digest.digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has " + algorithm, e);
    }
  }
}
