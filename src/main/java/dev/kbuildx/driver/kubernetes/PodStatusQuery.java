package dev.kbuildx.driver.kubernetes;

import dev.kbuildx.KbuildxException;
import dev.kbuildx.buildkit.ControlClient;
import dev.kbuildx.buildkit.DaemonInfo;
import dev.kbuildx.buildkit.WorkerInfo;
import dev.kbuildx.platform.Platform;
import dev.kbuildx.progress.ProgressLog;
import dev.kbuildx.transport.StreamChannels;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.grpc.ManagedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks the BuildKit of every running pod for what {@code ls} shows: its version and its workers'
 * platforms. Each pod is reached like a build reaches it ({@code buildctl dial-stdio} through
 * {@code pods/exec}); all pods are asked at once, and one that has not answered when the time is up
 * is reported as failed, so a broken pod costs {@code ls} that time at most instead of hanging it.
 */
public final class PodStatusQuery {
  /** What buildx's {@code ls --timeout} defaults to. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);
  private static final int MOST_PARALLEL = 16;

  private final KubernetesClient client;
  private final Duration timeout;
  private final ProgressLog log;

  public PodStatusQuery(KubernetesClient client, Duration timeout, ProgressLog log) {
    this.client = client;
    this.timeout = timeout;
    this.log = log;
  }

  /** The status of every usable pod of the running nodes; other nodes are not asked. */
  public Map<PodAddress, DaemonStatus> query(List<NodeState> nodes) {
    List<PodAddress> pods = new ArrayList<>();
    for (NodeState node : nodes) {
      if (node.status().equals("running")) {
        node.pods().stream().filter(PodState::usable)
            .forEach(pod -> pods.add(new PodAddress(node.namespace(), pod.name())));
      }
    }
    Map<PodAddress, DaemonStatus> statuses = new LinkedHashMap<>();
    if (pods.isEmpty()) {
      return statuses;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(pods.size(), MOST_PARALLEL), daemonThreads());
    try {
      Map<PodAddress, Future<DaemonStatus>> answers = new LinkedHashMap<>();
      pods.forEach(pod -> answers.put(pod, pool.submit(() -> ask(pod))));
      long deadline = System.nanoTime() + timeout.toNanos();
      answers.forEach((pod, answer) -> statuses.put(pod, await(answer, deadline)));
    } finally {
      // Cancelling interrupts what still waits; its channel is shut down by ask's own cleanup.
      pool.shutdownNow();
    }
    return statuses;
  }

  private DaemonStatus await(Future<DaemonStatus> answer, long deadline) {
    try {
      return answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      answer.cancel(true);
      return DaemonStatus.failed("no answer within " + timeout.toSeconds() + "s");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      return DaemonStatus.failed(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      answer.cancel(true);
      return DaemonStatus.failed("interrupted");
    }
  }

  private DaemonStatus ask(PodAddress pod) {
    // ls reports a pod's failure after the table; retry warnings while connecting would only repeat it.
    ProgressLog quiet = new RetriesAsDebug(log);
    ManagedChannel channel = StreamChannels.open(PodExecConnector.forPod(client, pod.namespace(), pod.pod(), quiet));
    try {
      ControlClient control = new ControlClient(channel);
      DaemonInfo info = control.info();
      List<WorkerInfo> workers = control.listWorkers();
      List<Platform> platforms = workers.stream().flatMap(worker -> worker.platforms().stream()).distinct().toList();
      // Daemons older than v0.11 cannot tell their version; the cell stays empty for them.
      String version = DaemonInfo.UNKNOWN.equals(info.version()) ? "" : info.version();
      return DaemonStatus.answered(version, platforms);
    } catch (KbuildxException e) {
      return DaemonStatus.failed(e.getMessage());
    } finally {
      channel.shutdownNow();
    }
  }

  private static ThreadFactory daemonThreads() {
    return runnable -> {
      Thread thread = new Thread(runnable, "kbuildx-ls-status");
      // A pod that never answers must not keep the JVM alive after ls gave up on it.
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Passes messages on, warnings as debug lines. */
  private record RetriesAsDebug(ProgressLog log) implements ProgressLog {
    @Override
    public void info(String message) {
      log.info(message);
    }

    @Override
    public void warn(String message) {
      log.debug(message);
    }

    @Override
    public void debug(String message) {
      log.debug(message);
    }
  }
}
