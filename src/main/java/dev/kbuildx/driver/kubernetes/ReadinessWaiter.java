package dev.kbuildx.driver.kubernetes;

import dev.kbuildx.KbuildxException;
import dev.kbuildx.options.HumanDuration;
import dev.kbuildx.progress.ProgressLog;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Waits until every node has as many ready pods as it declares, each node within its own
 * {@code timeout} option. All nodes are polled together, so their timeouts run in parallel. Unlike
 * buildx, a zero timeout still checks once, and a timeout explains what the pods are stuck on.
 */
public final class ReadinessWaiter {
  /** How the waiter pauses between polls; tests replace it so they need not wait. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /**
   * Pods usually turn ready a second or two after they were created, so the waiter first polls as
   * often as buildx does, then every second, to spare the API server during a long wait such as an
   * image pull.
   */
  static final Duration FIRST_POLL_INTERVAL = Duration.ofMillis(100);
  static final Duration FIRST_POLLS_FOR = Duration.ofSeconds(10);
  static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

  private final KubernetesClient client;
  private final Clock clock;
  private final Sleeper sleeper;

  public ReadinessWaiter(KubernetesClient client) {
    this(client, Clock.systemUTC(), duration -> Thread.sleep(duration.toMillis()));
  }

  ReadinessWaiter(KubernetesClient client, Clock clock, Sleeper sleeper) {
    this.client = client;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** @throws BootstrapTimeoutException naming each node that was not ready in time, and why */
  public void await(List<RenderedNode> nodes, ProgressLog log) {
    Instant start = clock.instant();
    Map<RenderedNode, Instant> pending = new LinkedHashMap<>();
    for (RenderedNode node : nodes) {
      Duration timeout = node.node().options().timeout();
      log.info("waiting for " + Workloads.replicas(node.workload()) + " pods of node " + node.node().name()
          + " to be ready, timeout: " + HumanDuration.of(timeout));
      pending.put(node, start.plus(timeout));
    }
    while (true) {
      Map<RenderedNode, Supplier<String>> notReady = new LinkedHashMap<>();
      for (RenderedNode node : new ArrayList<>(pending.keySet())) {
        HasMetadata current = null;
        boolean ready = false;
        String failedPoll = null;
        try {
          current = Workloads.reload(client, node.namespace(), node.workload());
          ready = current != null && isReady(current) && onlyCurrentPods(node.namespace(), current);
        } catch (KubernetesClientException e) {
          // A failed poll is retried until the timeout, like any other state that is not ready yet.
          failedPoll = ApiErrors.message(client, e);
          log.debug("checking node " + node.node().name() + " failed: " + failedPoll);
        }
        if (ready) {
          log.info("node " + node.node().name() + " is ready");
          pending.remove(node);
        } else {
          HasMetadata seen = current;
          String failed = failedPoll;
          notReady.put(node, () -> failed == null ? diagnose(node, seen)
              : notReadyWithin(node) + "the last check failed: " + failed);
        }
      }
      // One instant for all nodes, so that nodes with the same timeout are all named when it passes.
      Instant now = clock.instant();
      List<String> timedOut = notReady.entrySet().stream()
          .filter(entry -> !now.isBefore(pending.get(entry.getKey())))
          .map(entry -> entry.getValue().get())
          .toList();
      if (!timedOut.isEmpty()) {
        throw new BootstrapTimeoutException(String.join("\n", timedOut));
      }
      if (pending.isEmpty()) {
        return;
      }
      pause(pending, Duration.between(start, clock.instant()));
    }
  }

  /**
   * Ready once the controller has seen the latest spec, enough updated pods are ready and, for a
   * Deployment, no pod of an older version is left (as {@code kubectl rollout status} waits).
   */
  static boolean isReady(HasMetadata workload) {
    int replicas = Workloads.replicas(workload);
    Long generation = workload.getMetadata().getGeneration();
    Long observed = null;
    Integer updated = null;
    Integer total = null;
    if (workload instanceof Deployment deployment && deployment.getStatus() != null) {
      observed = deployment.getStatus().getObservedGeneration();
      updated = deployment.getStatus().getUpdatedReplicas();
      total = deployment.getStatus().getReplicas();
    } else if (workload instanceof StatefulSet set && set.getStatus() != null) {
      observed = set.getStatus().getObservedGeneration();
      updated = set.getStatus().getUpdatedReplicas();
    }
    // Right after an update the old pods are still ready: they do not count until the controller caught up.
    boolean observedLatest = observed == null || generation == null || observed >= generation;
    boolean updatedEnough = updated == null || updated >= replicas;
    // At the end of a rolling update an old pod is still ready (and counted) until it is scaled down;
    // a build sent to it would be cut off.
    boolean noOldPods = total == null || total <= replicas;
    return observedLatest && updatedEnough && noOldPods && Workloads.readyReplicas(workload) >= replicas;
  }

  /**
   * Whether every pod of the workload that is not being deleted runs its current template. The
   * controller's counts lag behind a rollout for a moment, and a build sent to a pod of the old
   * version would be cut off when it is replaced.
   */
  private boolean onlyCurrentPods(String namespace, HasMetadata current) {
    ObjectMeta template = Workloads.template(current).getMetadata();
    String hash = template == null || template.getAnnotations() == null
        ? null : template.getAnnotations().get(BuilderLabels.SPEC_HASH);
    if (hash == null) {
      return true;
    }
    return client.pods().inNamespace(namespace).withLabelSelector(Workloads.selector(current)).list().getItems()
        .stream()
        .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null)
        .allMatch(pod -> pod.getMetadata().getAnnotations() != null
            && hash.equals(pod.getMetadata().getAnnotations().get(BuilderLabels.SPEC_HASH)));
  }

  private String diagnose(RenderedNode node, HasMetadata current) {
    try {
      return notReadyWithin(node) + new NotReadyDiagnosis(client).describe(node.namespace(),
          Workloads.kind(node.workload()), node.workload().getMetadata().getName(), current,
          Workloads.replicas(node.workload()));
    } catch (KubernetesClientException e) {
      return notReadyWithin(node) + Workloads.readyReplicas(current) + " of " + Workloads.replicas(node.workload())
          + " pods ready; its pods could not be inspected: " + ApiErrors.message(client, e);
    }
  }

  private static String notReadyWithin(RenderedNode node) {
    return "node " + node.node().name() + " of builder \"" + node.builder() + "\" was not ready within "
        + HumanDuration.of(node.node().options().timeout()) + ": ";
  }

  private void pause(Map<RenderedNode, Instant> pending, Duration waited) {
    try {
      sleeper.sleep(waited.compareTo(FIRST_POLLS_FOR) < 0 ? FIRST_POLL_INTERVAL : POLL_INTERVAL);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KbuildxException("interrupted while waiting for the nodes "
          + String.join(", ", pending.keySet().stream().map(n -> n.node().name()).toList()) + " to be ready");
    }
  }
}
