package dev.kbuildx.driver.kubernetes;

import dev.kbuildx.KbuildxException;
import dev.kbuildx.progress.ProgressLog;
import dev.kbuildx.transport.ByteStream;
import dev.kbuildx.transport.ByteStreamConnector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.fabric8.kubernetes.client.http.WebSocketHandshakeException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Reaches a node's BuildKit the way buildx does: each connection runs {@code buildctl dial-stdio}
 * in the {@code buildkitd} container of a pod through the {@code pods/exec} API, and gRPC runs over
 * the command's stdin and stdout. Only errors that may pass (timeouts, refused or reset connections)
 * are retried, up to {@value #ATTEMPTS} attempts with growing pauses.
 */
public final class PodExecConnector implements ByteStreamConnector {
  static final String CONTAINER = "buildkitd";
  static final int ATTEMPTS = 5;
  private static final Duration FIRST_PAUSE = Duration.ofMillis(500);
  private static final Duration LONGEST_PAUSE = Duration.ofSeconds(10);

  /** How the connector pauses between attempts; tests replace it so they need not wait. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final KubernetesClient client;
  private final String namespace;
  private final String target;
  private final Supplier<String> podToUse;
  private final ProgressLog log;
  private final Sleeper sleeper;

  PodExecConnector(KubernetesClient client, String namespace, String target, Supplier<String> podToUse,
      ProgressLog log, Sleeper sleeper) {
    this.client = client;
    this.namespace = namespace;
    this.target = target;
    this.podToUse = podToUse;
    this.log = log;
    this.sleeper = sleeper;
  }

  /** Always the given pod. */
  public static PodExecConnector forPod(KubernetesClient client, String namespace, String pod, ProgressLog log) {
    return new PodExecConnector(client, namespace, "pod " + pod + " in namespace " + namespace, () -> pod, log,
        duration -> Thread.sleep(duration.toMillis()));
  }

  /**
   * A pod of the node's workload, chosen again for every connection like buildx does.
   *
   * @param workload the node's Deployment or StatefulSet, whose pods carry {@code app=<workload>}
   * @param stickyKey what sticky choice hashes, e.g. the absolute path of the build context
   */
  public static PodExecConnector forNode(KubernetesClient client, String namespace, String workload,
      PodChooser chooser, String stickyKey, ProgressLog log) {
    Supplier<String> choice = () -> choosePod(client, namespace, workload, chooser, stickyKey);
    return new PodExecConnector(client, namespace, "node " + workload + " in namespace " + namespace, choice, log,
        duration -> Thread.sleep(duration.toMillis()));
  }

  /** The pod of the node's workload that {@code chooser} picks now, for callers that keep one connection per pod. */
  public static String choosePod(KubernetesClient client, String namespace, String workload, PodChooser chooser,
      String stickyKey) {
    return chooser.choose(workload, namespace, pods(client, namespace, workload), stickyKey);
  }

  @Override
  public ByteStream open() throws IOException {
    String pod = podToUse.get();
    Duration pause = FIRST_PAUSE;
    for (int attempt = 1; ; attempt++) {
      try {
        StderrLines errors = new StderrLines(pod, log);
        return new ExecByteStream(exec(pod, errors), pod, errors, () -> gone(pod));
      } catch (KubernetesClientException e) {
        if (!isTransient(e)) {
          throw new IOException(describe(pod, e), e);
        }
        if (attempt == ATTEMPTS) {
          throw new IOException("failed to connect to pod " + pod + " in namespace " + namespace + " after "
              + ATTEMPTS + " attempts: " + ApiErrors.message(client, e), e);
        }
        log.warn("Transient connection error to pod " + pod + " (attempt " + attempt + "/" + ATTEMPTS + "): "
            + ApiErrors.plainCause(e, ApiServer.of(client.getConfiguration()).timeout()) + ". Retrying in "
            + pause.toMillis() + " ms...");
        pause(pause);
        pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
      }
    }
  }

  @Override
  public String endpoint() {
    return target;
  }

  private ExecWatch exec(String pod, StderrLines errors) {
    return client.pods().inNamespace(namespace).withName(pod)
        .inContainer(CONTAINER)
        .redirectingInput()
        .redirectingOutput()
        .writingError(errors)
        .exec("buildctl", "dial-stdio");
  }

  /** Whether the pod was deleted or is being deleted, asked after its connection broke; empty when unsure. */
  private Optional<String> gone(String pod) {
    try {
      Pod current = client.pods().inNamespace(namespace).withName(pod).get();
      if (current == null) {
        return Optional.of("pod " + pod + " was deleted");
      }
      return current.getMetadata().getDeletionTimestamp() == null ? Optional.empty()
          : Optional.of("pod " + pod + " is being deleted");
    } catch (KubernetesClientException e) {
      return Optional.empty();
    }
  }

  private void pause(Duration duration) throws InterruptedIOException {
    try {
      sleeper.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reconnecting to " + target);
    }
  }

  private String describe(String pod, KubernetesClientException e) {
    String where = "cannot run buildctl dial-stdio in pod " + pod + " (container " + CONTAINER + ", namespace "
        + namespace + "): ";
    int code = statusCode(e);
    if (e.getCode() > 0 && code != HttpURLConnection.HTTP_NOT_FOUND) {
      // The API server's own words: ApiErrors explains refusals and rejected credentials.
      return where + ApiErrors.message(client, e);
    }
    String detail = code > 0 ? "the Kubernetes API answered HTTP " + code
        : ApiErrors.plainCause(e, ApiServer.of(client.getConfiguration()).timeout());
    return switch (code) {
      case HttpURLConnection.HTTP_UNAUTHORIZED -> where + "the Kubernetes API did not accept the credentials: " + detail;
      case HttpURLConnection.HTTP_FORBIDDEN -> where + "permission denied: " + detail + "; the Kubernetes user needs"
          + " RBAC permission to get pods and to create and get pods/exec in namespace " + namespace + "; "
          + ApiErrors.RBAC_PAGE;
      case HttpURLConnection.HTTP_NOT_FOUND -> where + "the pod does not exist (any more): "
          + (e.getCode() > 0 ? ApiErrors.message(client, e) : detail);
      default -> where + detail;
    };
  }

  /** The HTTP status of a failed API call; an exec's refused WebSocket upgrade carries it only in its cause. */
  private static int statusCode(KubernetesClientException e) {
    if (e.getCode() > 0) {
      return e.getCode();
    }
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof WebSocketHandshakeException handshake && handshake.getResponse() != null) {
        return handshake.getResponse().code();
      }
    }
    return 0;
  }

  /** The failures buildx retries: timeouts, refused, reset or closed connections, TLS internal errors. */
  static boolean isTransient(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectException || cause instanceof SocketTimeoutException
          || cause instanceof HttpTimeoutException || cause instanceof TimeoutException
          || cause instanceof ClosedChannelException) {
        return true;
      }
      String message = cause.getMessage();
      if (message != null && (cause instanceof SocketException && message.contains("Connection reset")
          || message.contains("internal_error") || message.contains("tls: internal error"))) {
        return true;
      }
    }
    return false;
  }

  private static List<PodState> pods(KubernetesClient client, String namespace, String workload) {
    try {
      return client.pods().inNamespace(namespace).withLabel(BuilderLabels.APP, workload).list().getItems().stream()
          .map(PodExecConnector::state)
          .toList();
    } catch (KubernetesClientException e) {
      throw new KbuildxException("cannot list the pods of node " + workload + " in namespace " + namespace + ": "
          + ApiErrors.message(client, e), e);
    }
  }

  private static PodState state(Pod pod) {
    return new PodState(
        pod.getMetadata().getName(),
        pod.getStatus() == null ? null : pod.getStatus().getPhase(),
        NotReadyDiagnosis.isReady(pod),
        pod.getMetadata().getDeletionTimestamp() != null);
  }
}
