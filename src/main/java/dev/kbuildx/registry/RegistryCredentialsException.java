package dev.kbuildx.registry;

import dev.kbuildx.KbuildxException;

/** Credentials for a registry could not be read; the message names the source, never a secret. */
public class RegistryCredentialsException extends KbuildxException {
  private static final long serialVersionUID = 1L;

  public RegistryCredentialsException(String message) {
    super(message);
  }

  public RegistryCredentialsException(String message, Throwable cause) {
    super(message, cause);
  }
}
