package dev.kbuildx.driver.kubernetes;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * The one place where fabric8's failures become words a user can act on: the API server's own
 * message rather than fabric8's request dump, with what to do for an unreachable server, a
 * missing namespace, a refused permission or rejected credentials.
 */
final class ApiErrors {
  static final String RBAC_PAGE = "the RBAC page of the kbuildx documentation, rbac.html, lists the Role each goal needs";
  static final String TROUBLESHOOTING_PAGE = "the troubleshooting page of the kbuildx documentation, troubleshooting.html";
  private static final String FORBIDDEN = "forbidden: ";

  private ApiErrors() {}

  /** Why a call through {@code client} failed; the server is named where the fault is the server's or its address. */
  static String message(KubernetesClient client, KubernetesClientException e) {
    return message(ApiServer.of(client.getConfiguration()), e);
  }

  /** @param server the server called, or null when the caller does not know it */
  static String message(ApiServer server, KubernetesClientException e) {
    Status status = e.getStatus();
    String said = status != null && status.getMessage() != null ? status.getMessage() : null;
    if (e.getCode() == 0 && causedBy(e, IOException.class)) {
      return unreachable(server, plainCause(e, server == null ? null : server.timeout()));
    }
    if (e.getCode() == HttpURLConnection.HTTP_FORBIDDEN && said != null) {
      int reason = said.indexOf(FORBIDDEN);
      return "permission denied: " + (reason < 0 ? said : said.substring(reason + FORBIDDEN.length())) + "; "
          + RBAC_PAGE;
    }
    if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND && status != null && status.getDetails() != null
        && "namespaces".equals(status.getDetails().getKind())) {
      String namespace = status.getDetails().getName();
      return "namespace \"" + namespace + "\" does not exist in cluster " + named(server)
          + "; create it with kubectl create namespace " + namespace
          + ", or name an existing one with -Dkbuildx.namespace or the node's namespace driver option";
    }
    if (e.getCode() == HttpURLConnection.HTTP_UNAUTHORIZED) {
      return "the Kubernetes API server " + named(server) + " did not accept the credentials of the kubeconfig's user"
          + (said == null ? "" : " (" + said + ")") + "; its token or certificate may have expired: renew it, then"
          + " check with kubectl get namespaces";
    }
    return said != null ? said : e.getMessage();
  }

  /**
   * The server could not be reached at all: what it is, why in plain words, and what to do.
   *
   * @param cause such as {@code connection refused}
   */
  static String unreachable(ApiServer server, String cause) {
    return "cannot reach the Kubernetes API server " + named(server) + ": " + cause + ". Check that the cluster is"
        + " running and that the kubeconfig names its address (kubectl cluster-info shows it); on a slow network"
        + " raise -Dkbuildx.connectTimeout (seconds). See " + TROUBLESHOOTING_PAGE + ".";
  }

  /**
   * A connection failure in plain words, such as {@code connection refused} or {@code timed out after 10 s}.
   *
   * @param timeout the limit that ran out when the call timed out, or null when unknown
   */
  static String plainCause(Throwable error, Duration timeout) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof HttpTimeoutException || cause instanceof SocketTimeoutException
          || cause instanceof TimeoutException) {
        return timeout == null ? "timed out" : "timed out after " + seconds(timeout);
      }
      if (cause instanceof ConnectException) {
        return "connection refused";
      }
      if (cause instanceof UnknownHostException) {
        return "unknown host " + cause.getMessage();
      }
      if (cause instanceof SSLException) {
        return "the TLS handshake failed (" + cause.getMessage() + "); check the certificate-authority of the"
            + " kubeconfig's cluster";
      }
    }
    Throwable root = error;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  static String seconds(Duration duration) {
    return duration.toSeconds() + " s";
  }

  private static String named(ApiServer server) {
    return server == null ? "of the kube context" : server.describe();
  }

  private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return true;
      }
    }
    return false;
  }
}
