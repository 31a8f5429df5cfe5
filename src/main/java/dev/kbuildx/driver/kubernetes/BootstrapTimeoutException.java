package dev.kbuildx.driver.kubernetes;

import dev.kbuildx.KbuildxException;

/**
 * A node did not become ready within its timeout. The message says why, pod by pod (image pull
 * errors, scheduling failures, warning events), instead of buildx's bare replica count.
 */
public class BootstrapTimeoutException extends KbuildxException {
  private static final long serialVersionUID = 1L;

  public BootstrapTimeoutException(String message) {
    super(message);
  }
}
