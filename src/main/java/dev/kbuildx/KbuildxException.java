package dev.kbuildx;

/**
 * Base of every error the core reports. The Maven layer turns these into build failures; their
 * messages are written for users and never contain credentials or secrets.
 */
public class KbuildxException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public KbuildxException(String message) {
    super(message);
  }

  public KbuildxException(String message, Throwable cause) {
    super(message, cause);
  }
}
