package dev.kbuildx.buildkit.session;

import java.security.SecureRandom;

/**
 * Random identifiers like BuildKit's own: 25 base-36 characters. They never contain {@code :},
 * because the daemon looks sessions up by the part after the first colon.
 */
public final class SessionIds {
  private static final int LENGTH = 25;
  private static final String DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz";
  private static final SecureRandom RANDOM = new SecureRandom();

  private SessionIds() {}

  public static String newId() {
    StringBuilder id = new StringBuilder(LENGTH);
    for (int i = 0; i < LENGTH; i++) {
      id.append(DIGITS.charAt(RANDOM.nextInt(DIGITS.length())));
    }
    return id.toString();
  }
}
