package dev.kbuildx.real;

import dev.kbuildx.buildkit.BuildkitdConfig;
import dev.kbuildx.buildkit.BuildkitdConfigLoader;
import dev.kbuildx.driver.kubernetes.BuilderSpec;
import dev.kbuildx.driver.kubernetes.BuildkitdFlags;
import dev.kbuildx.driver.kubernetes.ClusterAccess;
import dev.kbuildx.driver.kubernetes.KubernetesBuilders;
import dev.kbuildx.driver.kubernetes.KubernetesOptionsBuilder;
import dev.kbuildx.driver.kubernetes.NodeSpec;
import dev.kbuildx.progress.CollectingLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A one-node Kubernetes builder in the real cluster, created with the project's own driver code in
 * a namespace of its own on first use, with a buildkitd config (loaded as {@code <buildkitdConfig>}
 * is) that lets its pod push to the pod registry over plain HTTP. Closing it deletes the namespace.
 */
final class SuiteBuilder implements AutoCloseable {
  static final String NAME = "real";

  private RealCluster cluster;
  private String namespace;

  /** The builder's namespace; the first call creates the builder and waits until its pod is ready. */
  synchronized String namespace() {
    if (namespace == null) {
      cluster = RealCluster.require();
      namespace = cluster.createNamespace("buildkit");
      BuildkitdConfig config = plainHttpConfig(cluster.podRegistry());
      NodeSpec node = new NodeSpec("node0", List.of(), KubernetesOptionsBuilder.defaults(),
          BuildkitdFlags.resolve(null, config, false), config);
      try (ClusterAccess access = access()) {
        new KubernetesBuilders(access, new CollectingLog()).create(new BuilderSpec(NAME, List.of(node)), namespace,
            true);
      }
    }
    return namespace;
  }

  /** A new connection to the cluster, which its user closes. */
  ClusterAccess access() {
    return ClusterAccess.connect(cluster.kubeconfig(), null);
  }

  private static BuildkitdConfig plainHttpConfig(String registry) {
    try {
      Path toml = Files.createTempFile("kbuildx-real-buildkitd", ".toml");
      try {
        Files.writeString(toml, "[registry.\"" + registry + "\"]\n  http = true\n");
        return BuildkitdConfigLoader.load(toml);
      } finally {
        Files.delete(toml);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a buildkitd config", e);
    }
  }

  @Override
  public synchronized void close() {
    if (cluster != null) {
      try {
        cluster.deleteNamespace(namespace);
      } finally {
        cluster.close();
      }
    }
  }
}
