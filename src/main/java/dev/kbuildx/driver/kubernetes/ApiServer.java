package dev.kbuildx.driver.kubernetes;

import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import java.io.File;
import java.time.Duration;

/**
 * The API server a client talks to, as error messages name it: its URL, the kube context and the
 * kubeconfig file it came from, and how long a call may wait for it.
 *
 * @param context the context's name, or null (in a pod, or with an explicit server)
 * @param kubeconfig the kubeconfig file, or null
 */
record ApiServer(String url, String context, File kubeconfig, Duration timeout) {

  static ApiServer of(Config config) {
    NamedContext context = config.getCurrentContext();
    Integer timeout = config.getRequestTimeout();
    return new ApiServer(config.getMasterUrl(), context == null ? null : context.getName(), config.getFile(),
        Duration.ofMillis(timeout == null || timeout <= 0 ? Config.DEFAULT_REQUEST_TIMEOUT : timeout));
  }

  /** The server with where it is configured, such as {@code https://10.0.0.1:6443/ (context "ci", kubeconfig /home/ci/.kube/config)}. */
  String describe() {
    StringBuilder where = new StringBuilder();
    if (context != null) {
      where.append("context \"").append(context).append('"');
    }
    if (kubeconfig != null) {
      where.append(where.isEmpty() ? "" : ", ").append("kubeconfig ").append(kubeconfig);
    }
    return url + (where.isEmpty() ? "" : " (" + where + ")");
  }
}
