package dev.kbuildx.buildkit.session;

import dev.kbuildx.KbuildxException;

/** A malformed include, exclude or {@code .dockerignore} pattern. */
public class InvalidPatternException extends KbuildxException {
  private static final long serialVersionUID = 1L;

  InvalidPatternException(String message) {
    super(message);
  }
}
