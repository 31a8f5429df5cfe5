package dev.kbuildx.driver.kubernetes;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kbuildx.ClusterApiException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ClusterCallsTest {

  @Test
  void aFabric8FailureLeavesAsAClusterApiExceptionWithTheSameWords() {
    KubernetesClientException failure = new KubernetesClientException("connection refused");

    assertThatThrownBy(() -> ClusterCalls.<IOException, InterruptedException>run(() -> {
      throw failure;
    }))
        .isInstanceOf(ClusterApiException.class)
        .hasMessage("The Kubernetes API call failed: connection refused")
        .hasCause(failure);
  }

  @Test
  void theWorksOwnFailuresPassUnchanged() {
    IOException failure = new IOException("disk full");

    assertThatThrownBy(() -> ClusterCalls.<IOException, InterruptedException>run(() -> {
      throw failure;
    })).isSameAs(failure);
  }
}
