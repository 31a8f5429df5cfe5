package dev.kbuildx.it;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Every form in which a secret could reach a log: as is, in hex (lower and upper case, contiguous as
 * Netty's frame logger prints DATA frames, or byte by byte with a separator as its hex dumps and
 * other tools print them) and in base64 (standard and URL-safe). Hex forms are searched for every
 * {@value #WINDOW}-byte window of the secret, so that a dump which wraps the secret over several rows,
 * or starts it mid-row, is still found; base64 forms for each of the three alignments the secret can
 * have inside a longer encoded payload.
 */
public final class SecretForms {
  /** Bytes per hex window: a 16-byte dump row always holds a whole window of a longer secret. */
  static final int WINDOW = 8;
  private static final String[] SEPARATORS = {"", " ", ":"};

  private SecretForms() {}

  /** The forms of {@code secret} to look for; none shorter than 12 characters. */
  public static Set<String> of(String secret) {
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    Set<String> forms = new LinkedHashSet<>();
    forms.add(secret);
    for (int start = 0; start + WINDOW <= bytes.length; start++) {
      byte[] window = Arrays.copyOfRange(bytes, start, start + WINDOW);
      for (String separator : SEPARATORS) {
        String hex = HexFormat.ofDelimiter(separator).formatHex(window);
        forms.add(hex);
        forms.add(hex.toUpperCase(Locale.ROOT));
      }
    }
    for (int skip = 0; skip < 3 && bytes.length - skip >= 9; skip++) {
      byte[] aligned = Arrays.copyOfRange(bytes, skip, skip + (bytes.length - skip) / 3 * 3);
      forms.add(Base64.getEncoder().encodeToString(aligned));
      forms.add(Base64.getUrlEncoder().encodeToString(aligned));
    }
    return forms;
  }

  /** A failed assertion naming the secret (by its label, never its value) and the form found in {@code log}. */
  public static void assertAbsent(String log, Map<String, String> secretsByLabel) {
    for (Map.Entry<String, String> secret : secretsByLabel.entrySet()) {
      for (String form : of(secret.getValue())) {
        int at = log.indexOf(form);
        if (at >= 0) {
          throw new AssertionError("the log holds the " + secret.getKey() + " (as " + kind(form, secret.getValue())
              + ") at character " + at);
        }
      }
    }
  }

  private static String kind(String form, String secret) {
    if (form.equals(secret)) {
      return "plain text";
    }
    return form.matches("[0-9a-fA-F :]+") ? "hex" : "base64";
  }
}
