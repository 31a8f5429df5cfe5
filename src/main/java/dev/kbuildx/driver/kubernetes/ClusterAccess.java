package dev.kbuildx.driver.kubernetes;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.KbuildxException;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A connection to the Kubernetes API, resolved like kubectl does: {@code $KUBECONFIG}, then
 * {@code ~/.kube/config}, then the pod's service account when running inside a cluster. An
 * explicit kubeconfig file replaces that search. The namespace is the context's, else
 * {@code default}.
 */
public final class ClusterAccess implements AutoCloseable {
  static final String DEFAULT_NAMESPACE = "default";
  private static final String SERVICE_HOST_ENV = "KUBERNETES_SERVICE_HOST";
  private static final String MASTER_ENV = "KUBERNETES_MASTER";

  private final KubernetesClient client;
  private final String defaultNamespace;

  private ClusterAccess(KubernetesClient client, String defaultNamespace) {
    this.client = client;
    this.defaultNamespace = defaultNamespace;
  }

  /**
   * fabric8's request logger, which it adds when its logger is at TRACE: it would log every
   * request's headers, the bearer token among them. Removed, so that no log level shows the token.
   */
  static final String HTTP_LOGGING_INTERCEPTOR = "HttpLogging";

  /**
   * @param kubeconfig a kubeconfig file to use instead of the standard search, or null
   * @param context the kube context to use instead of the current one, or null
   */
  public static ClusterAccess connect(Path kubeconfig, String context) {
    Config config = load(kubeconfig, context);
    if (config.getCurrentContext() == null && !inClusterOrExplicitServer()) {
      throw new KbuildxException("no Kubernetes API access is configured: set KUBECONFIG, create "
          + "~/.kube/config, set the kubeconfig setting, or run inside a Kubernetes pod");
    }
    KubernetesClient client = new KubernetesClientBuilder().withConfig(config)
        .withHttpClientBuilderConsumer(builder -> builder.addOrReplaceInterceptor(HTTP_LOGGING_INTERCEPTOR, null))
        .build();
    return new ClusterAccess(client, namespaceOrDefault(config.getNamespace()));
  }

  /** Wraps a client built elsewhere, such as a mock server's. */
  public static ClusterAccess of(KubernetesClient client) {
    return new ClusterAccess(client, namespaceOrDefault(client.getNamespace()));
  }

  /**
   * The namespace a connection would use, read from the configuration only (no API call), for
   * dry runs: the context's namespace, {@code default} for a context without one, or null when
   * no Kubernetes access is configured at all.
   */
  public static String namespaceWithoutCluster(Path kubeconfig, String context) {
    Config config = load(kubeconfig, context);
    if (config.getCurrentContext() != null) {
      return namespaceOrDefault(config.getNamespace());
    }
    // Without a context the namespace can only come from a service account or the environment.
    return config.getNamespace();
  }

  public KubernetesClient client() {
    return client;
  }

  public String defaultNamespace() {
    return defaultNamespace;
  }

  @Override
  public void close() {
    client.close();
  }

  private static Config load(Path kubeconfig, String context) {
    String wanted = context == null || context.isBlank() ? null : context;
    Config config = kubeconfig == null ? Config.autoConfigure(wanted) : fromFile(kubeconfig, wanted);
    // fabric8 silently falls back to the current context when the requested one does not exist.
    if (wanted != null && !contextNames(config).contains(wanted)) {
      throw InvalidSettingException.setting("kubeContext", context, knownContexts(config));
    }
    return config;
  }

  private static Config fromFile(Path kubeconfig, String context) {
    if (!Files.isRegularFile(kubeconfig) || !Files.isReadable(kubeconfig)) {
      throw InvalidSettingException.setting(
          "kubeconfig", kubeconfig.toString(), "the path must name a readable kubeconfig file");
    }
    try {
      return Config.fromKubeconfig(context, kubeconfig.toFile());
    } catch (KubernetesClientException e) {
      // The parser's message may quote the file, which can hold credentials: leave it out.
      throw InvalidSettingException.setting(
          "kubeconfig", kubeconfig.toString(), "the file is not a valid kubeconfig (YAML with clusters, contexts and users)");
    }
  }

  private static List<String> contextNames(Config config) {
    List<NamedContext> contexts = config.getContexts();
    return contexts == null ? List.of() : contexts.stream().map(NamedContext::getName).toList();
  }

  private static String knownContexts(Config config) {
    List<String> names = contextNames(config);
    if (names.isEmpty()) {
      return "no kubeconfig with contexts was found";
    }
    return "the kubeconfig defines the contexts " + names.stream().sorted().collect(Collectors.joining(", "));
  }

  private static boolean inClusterOrExplicitServer() {
    return System.getenv(SERVICE_HOST_ENV) != null
        || System.getenv(MASTER_ENV) != null
        || System.getProperty(Config.KUBERNETES_MASTER_SYSTEM_PROPERTY) != null;
  }

  private static String namespaceOrDefault(String namespace) {
    return namespace == null || namespace.isBlank() ? DEFAULT_NAMESPACE : namespace;
  }
}
