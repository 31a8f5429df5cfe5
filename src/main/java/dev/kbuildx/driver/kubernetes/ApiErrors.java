package dev.kbuildx.driver.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;

/** What the API server said, for error messages: its status message rather than fabric8's request dump. */
final class ApiErrors {
  private ApiErrors() {}

  /** The API server's own words; a refusal also says where the rights each goal needs are listed. */
  static String message(KubernetesClientException e) {
    String message = e.getStatus() != null && e.getStatus().getMessage() != null
        ? e.getStatus().getMessage() : e.getMessage();
    return e.getCode() == HttpURLConnection.HTTP_FORBIDDEN
        ? message + " (the Kubernetes user lacks this RBAC permission; the RBAC page of the kbuildx documentation,"
            + " rbac.html, lists the Role each goal needs)"
        : message;
  }
}
