package dev.kbuildx.driver.kubernetes;

import dev.kbuildx.ClusterApiException;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Runs work that talks to the cluster, so that a fabric8 failure leaves the driver as a
 * {@link ClusterApiException}.
 */
public final class ClusterCalls {
  private ClusterCalls() {}

  /** The work of a goal; it throws the goal's own checked failures, which pass through unchanged. */
  @FunctionalInterface
  public interface Work<E1 extends Exception, E2 extends Exception> {
    void run() throws E1, E2;
  }

  public static <E1 extends Exception, E2 extends Exception> void run(Work<E1, E2> work) throws E1, E2 {
    try {
      work.run();
    } catch (KubernetesClientException e) {
      // A call the driver did not wrap names no operation; ApiErrors still says why, without fabric8's dump.
      throw new ClusterApiException("The Kubernetes API call failed: " + ApiErrors.message((ApiServer) null, e), e);
    }
  }
}
