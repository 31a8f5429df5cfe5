package dev.kbuildx.real;

import java.nio.file.Path;

/**
 * A namespace of its own in the real cluster for one JUnit test, with a kubeconfig whose context
 * uses it; closing deletes the namespace.
 */
record FreshNamespace(RealCluster cluster, String name, Path kubeconfig) implements AutoCloseable {

  /** @param directory where the kubeconfig is written, such as the test's temporary folder */
  static FreshNamespace create(String testName, Path directory) {
    RealCluster cluster = RealCluster.require();
    String namespace = null;
    try {
      namespace = cluster.createNamespace(testName);
      return new FreshNamespace(cluster, namespace,
          cluster.writeKubeconfig(directory.resolve(RealCluster.PROJECT_KUBECONFIG), namespace));
    } catch (RuntimeException e) {
      if (namespace != null) {
        cluster.deleteNamespace(namespace);
      }
      cluster.close();
      throw e;
    }
  }

  @Override
  public void close() {
    try {
      cluster.deleteNamespace(name);
    } finally {
      cluster.close();
    }
  }
}
