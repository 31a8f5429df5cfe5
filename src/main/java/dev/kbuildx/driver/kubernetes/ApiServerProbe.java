package dev.kbuildx.driver.kubernetes;

import dev.kbuildx.ClusterApiException;
import dev.kbuildx.KbuildxException;
import dev.kbuildx.progress.ProgressLog;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits until the API server answers at all, before a goal's first call: within the connect
 * timeout, trying again with growing pauses, each retry logged. Any HTTP answer counts, even a
 * refusal: rights are the calls' own business. fabric8 does not retry by itself here (see
 * {@link ClusterAccess}), so that no retry is silent and an unreachable server fails in time.
 */
final class ApiServerProbe {
  private static final Duration FIRST_PAUSE = Duration.ofMillis(250);
  private static final Duration LONGEST_PAUSE = Duration.ofSeconds(2);

  private final HttpClient http;
  private final ApiServer server;
  private final ProgressLog log;

  ApiServerProbe(HttpClient http, ApiServer server, ProgressLog log) {
    this.http = http;
    this.server = server;
    this.log = log;
  }

  /** @throws ClusterApiException naming the server and why it could not be reached */
  void await() {
    Instant deadline = Instant.now().plus(server.timeout());
    Duration pause = FIRST_PAUSE;
    String firstCause = null;
    for (int attempt = 1; ; attempt++) {
      Duration left = Duration.between(Instant.now(), deadline);
      Throwable failure = answerWithin(left.isNegative() ? Duration.ZERO : left);
      if (failure == null) {
        return;
      }
      String cause = ApiErrors.plainCause(failure, server.timeout());
      // A later attempt may time out only because little of the limit was left: the first one says why.
      firstCause = firstCause == null ? cause : firstCause;
      if (Instant.now().plus(pause).isAfter(deadline)) {
        throw new ClusterApiException(ApiErrors.unreachable(server, attempt == 1 ? cause
            : firstCause + ", retried for " + ApiErrors.seconds(server.timeout())), failure);
      }
      log.info("Kubernetes API server " + server.url() + " not reached (" + cause + ", attempt " + attempt
          + "); trying again in " + pause.toMillis() + " ms");
      pause(pause);
      pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
    }
  }

  /** Null when the server answered within {@code limit}, else why not. */
  private Throwable answerWithin(Duration limit) {
    HttpRequest request = http.newHttpRequestBuilder().uri(URI.create(server.url()).resolve("version"))
        .timeout(Math.max(1, limit.toMillis()), TimeUnit.MILLISECONDS).build();
    CompletableFuture<?> answer = http.sendAsync(request, String.class);
    try {
      // The request's own timeout ends it; this bound only guards against a client that ignores it.
      answer.get(limit.toMillis() + LONGEST_PAUSE.toMillis(), TimeUnit.MILLISECONDS);
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (TimeoutException e) {
      answer.cancel(true);
      return e;
    } catch (InterruptedException e) {
      answer.cancel(true);
      throw interrupted();
    }
  }

  private void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      throw interrupted();
    }
  }

  private KbuildxException interrupted() {
    Thread.currentThread().interrupt();
    return new KbuildxException("interrupted while connecting to the Kubernetes API server " + server.url());
  }
}
