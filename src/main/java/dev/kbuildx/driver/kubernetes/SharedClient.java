package dev.kbuildx.driver.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * A Kubernetes client and how many {@link ClusterAccess} handles use it. A client that is kept for
 * reuse stays open without users; a retired one closes when its last user is done.
 */
final class SharedClient {
  private final KubernetesClient client;
  private int users;
  private boolean retired;

  private SharedClient(KubernetesClient client, boolean retired) {
    this.client = client;
    this.retired = retired;
  }

  /** A client that stays open for later users until it is {@link #retire retired}. */
  static SharedClient keptForReuse(KubernetesClient client) {
    return new SharedClient(client, false);
  }

  /** A client that closes with its last user. */
  static SharedClient closedWhenUnused(KubernetesClient client) {
    return new SharedClient(client, true);
  }

  KubernetesClient client() {
    return client;
  }

  synchronized SharedClient acquire() {
    users++;
    return this;
  }

  void release() {
    boolean close;
    synchronized (this) {
      users--;
      close = users == 0 && retired;
    }
    if (close) {
      client.close();
    }
  }

  /** Takes no new users from the JVM's pool: closes now when unused, else with its last user. */
  void retire() {
    boolean close;
    synchronized (this) {
      retired = true;
      close = users == 0;
    }
    if (close) {
      client.close();
    }
  }
}
