package dev.kbuildx.registry;

import dev.kbuildx.KbuildxException;
import java.util.Optional;

/**
 * A registry refused a request. The message names the operation, the registry, repository and
 * reference, the HTTP status and the registry's error; it never contains credentials or tokens.
 */
public class RegistryException extends KbuildxException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String errorCode;

  public RegistryException(String message, int status, String errorCode) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
  }

  /** The HTTP status the registry answered with. */
  public int status() {
    return status;
  }

  /** The first error code of the registry's error body, such as {@code MANIFEST_UNKNOWN}. */
  public Optional<String> errorCode() {
    return Optional.ofNullable(errorCode);
  }
}
