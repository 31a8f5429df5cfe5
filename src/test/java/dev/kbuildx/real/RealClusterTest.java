package dev.kbuildx.real;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The suite's own fixture against the real cluster: a namespace of its own, and a kubeconfig that uses it. */
class RealClusterTest {
  @Test
  void writesAKubeconfigForAFreshNamespace(@TempDir Path project) {
    try (RealCluster cluster = RealCluster.forProject(project.toFile(), "fixture")) {
      String namespace = RealCluster.namespaceOf(project.resolve(RealCluster.PROJECT_KUBECONFIG));
      try {
        assertThat(namespace).startsWith("kbuildx-test-fixture-");
        assertThat(cluster.client().namespaces().withName(namespace).get().getMetadata().getLabels())
            .containsEntry(RealCluster.TEST_LABEL, "fixture");
      } finally {
        cluster.deleteProjectNamespace(project.toFile());
      }
    }
  }
}
