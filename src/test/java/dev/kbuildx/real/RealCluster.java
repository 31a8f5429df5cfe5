package dev.kbuildx.real;

import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The real Kubernetes cluster of the real-cluster suite, named by {@value #KUBECONFIG_VARIABLE} (a
 * kubeconfig whose user may create namespaces, workloads, roles and service accounts), with the
 * plain-HTTP registry {@value #POD_REGISTRY_VARIABLE} that both its pods and this machine reach. Each
 * test works in a namespace of its own ({@link #createNamespace}), labelled {@value #TEST_LABEL} so that
 * what a killed run left behind is easy to find and delete.
 *
 * <p>JUnit tests call {@link #require()}; invoker integration tests call {@link #available()} in
 * {@code selector.groovy} and {@link #forProject(File, String)} in {@code prebuild.groovy}.
 */
public final class RealCluster implements AutoCloseable {
  public static final String KUBECONFIG_VARIABLE = "KBUILDX_TEST_KUBECONFIG";
  public static final String POD_REGISTRY_VARIABLE = "KBUILDX_TEST_POD_REGISTRY";
  /** The containerd socket of the cluster's node, as a path on the node, for {@code worker=containerd}. */
  public static final String CONTAINERD_SOCK_VARIABLE = "KBUILDX_TEST_CONTAINERD_SOCK";
  /** containerd's root directory on the node. */
  public static final String CONTAINERD_ROOT_VARIABLE = "KBUILDX_TEST_CONTAINERD_ROOT";
  /** A directory on a shared mount of the node, for BuildKit's state beside containerd. */
  public static final String CONTAINERD_BUILDKIT_ROOT_VARIABLE = "KBUILDX_TEST_CONTAINERD_BUILDKIT_ROOT";
  /** Name of the kubeconfig file {@link #forProject} writes into a test project. */
  public static final String PROJECT_KUBECONFIG = "kubeconfig";
  /** The label on every namespace the suite creates. */
  public static final String TEST_LABEL = "kbuildx.dev/test";

  private static final String WHAT = "a real Kubernetes cluster and a registry its pods reach";

  private final Path kubeconfig;
  private final String podRegistry;
  private final KubernetesClient client;

  private RealCluster(Path kubeconfig, String podRegistry) {
    this.kubeconfig = kubeconfig;
    this.podRegistry = podRegistry;
    this.client = new KubernetesClientBuilder().withConfig(
        io.fabric8.kubernetes.client.Config.fromKubeconfig(null, kubeconfig.toFile())).build();
  }

  /** The cluster; a skipped test outside CI and a failed one in CI when its variables are not set. */
  public static RealCluster require() {
    Map<String, String> values = RealStack.require(WHAT, KUBECONFIG_VARIABLE, POD_REGISTRY_VARIABLE);
    return new RealCluster(Path.of(values.get(KUBECONFIG_VARIABLE)), values.get(POD_REGISTRY_VARIABLE));
  }

  /** For {@code selector.groovy}: false outside CI when the cluster is not configured, a failure in CI. */
  public static boolean available() {
    return RealStack.available(WHAT, KUBECONFIG_VARIABLE, POD_REGISTRY_VARIABLE);
  }

  /** For {@code selector.groovy} of tests that build with the node's containerd: as {@link #available()}. */
  public static boolean containerdAvailable() {
    return RealStack.available(WHAT + " with its node's containerd", KUBECONFIG_VARIABLE, POD_REGISTRY_VARIABLE,
        CONTAINERD_SOCK_VARIABLE, CONTAINERD_ROOT_VARIABLE, CONTAINERD_BUILDKIT_ROOT_VARIABLE);
  }

  /**
   * For {@code prebuild.groovy}: a fresh namespace, and a kubeconfig in {@code <projectDir>/kubeconfig}
   * whose current context uses it, so that the project's builds work there with no namespace setting.
   */
  public static RealCluster forProject(File projectDir, String testName) {
    RealCluster cluster = require();
    String namespace = cluster.createNamespace(testName);
    cluster.writeKubeconfig(projectDir.toPath().resolve(PROJECT_KUBECONFIG), namespace);
    return cluster;
  }

  /** The admin kubeconfig of the cluster. */
  public Path kubeconfig() {
    return kubeconfig;
  }

  /** The registry's {@code host:port}; pods and this machine reach it over plain HTTP. */
  public String podRegistry() {
    return podRegistry;
  }

  /** An admin client, for assertions on what the cluster holds. */
  public KubernetesClient client() {
    return client;
  }

  /** Creates {@code kbuildx-test-<name>-<random>} and returns its name. */
  public String createNamespace(String name) {
    String namespace = "kbuildx-test-" + name.toLowerCase(Locale.ROOT) + "-"
        + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace)
        .addToLabels(TEST_LABEL, name).endMetadata().build()).create();
    return namespace;
  }

  /** Deletes a namespace the suite created, without waiting for its pods to end. */
  public void deleteNamespace(String namespace) {
    client.namespaces().withName(namespace).delete();
  }

  /** Deletes every namespace the {@link #forProject} kubeconfig of {@code projectDir} names. */
  public void deleteProjectNamespace(File projectDir) {
    deleteNamespace(namespaceOf(projectDir.toPath().resolve(PROJECT_KUBECONFIG)));
  }

  /** Writes a copy of the admin kubeconfig whose current context uses {@code namespace}. */
  public Path writeKubeconfig(Path file, String namespace) {
    try {
      Config config = KubeConfigUtils.parseConfig(kubeconfig.toFile());
      for (NamedContext context : config.getContexts()) {
        if (context.getName().equals(config.getCurrentContext())) {
          context.getContext().setNamespace(namespace);
        }
      }
      Files.createDirectories(file.toAbsolutePath().getParent());
      return Files.writeString(file, Serialization.asYaml(config));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a kubeconfig for namespace " + namespace + " to " + file, e);
    }
  }

  /**
   * Writes a copy of the admin kubeconfig whose clusters point at {@code server} instead, such as a
   * closed port, to show what a user with a wrong or dead server address sees.
   */
  public Path writeKubeconfigWithServer(Path file, String server) {
    try {
      Config config = KubeConfigUtils.parseConfig(kubeconfig.toFile());
      config.getClusters().forEach(cluster -> cluster.getCluster().setServer(server));
      Files.createDirectories(file.toAbsolutePath().getParent());
      return Files.writeString(file, Serialization.asYaml(config));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a kubeconfig for server " + server + " to " + file, e);
    }
  }

  /** The namespace of the current context of a kubeconfig {@link #writeKubeconfig} wrote. */
  public static String namespaceOf(Path kubeconfig) {
    Config config = KubeConfigUtils.parseConfig(kubeconfig.toFile());
    return config.getContexts().stream().filter(c -> c.getName().equals(config.getCurrentContext()))
        .findFirst().orElseThrow().getContext().getNamespace();
  }

  @Override
  public void close() {
    client.close();
  }
}
