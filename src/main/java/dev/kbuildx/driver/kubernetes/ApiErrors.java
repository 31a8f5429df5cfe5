package dev.kbuildx.driver.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** What the API server said, for error messages: its status message rather than fabric8's request dump. */
final class ApiErrors {
  private ApiErrors() {}

  static String message(KubernetesClientException e) {
    return e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
  }
}
