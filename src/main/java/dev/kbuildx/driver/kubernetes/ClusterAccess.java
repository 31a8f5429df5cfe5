package dev.kbuildx.driver.kubernetes;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.KbuildxException;
import dev.kbuildx.SettingKey;
import dev.kbuildx.progress.ProgressLog;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
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

  private final SharedClient shared;
  private final String defaultNamespace;
  private final AtomicBoolean closed = new AtomicBoolean();

  private ClusterAccess(SharedClient shared, String defaultNamespace) {
    this.shared = shared;
    this.defaultNamespace = defaultNamespace;
  }

  /**
   * fabric8's request logger, which it adds when its logger is at TRACE: it would log every
   * request's headers, the bearer token among them. Removed, so that no log level shows the token.
   */
  static final String HTTP_LOGGING_INTERCEPTOR = "HttpLogging";

  /** How long a call waits for the API server when no connect timeout is given. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /**
   * A client with the default connect timeout; the server is first called by the caller's work.
   *
   * @param kubeconfig a kubeconfig file to use instead of the standard search, or null
   * @param context the kube context to use instead of the current one, or null
   */
  public static ClusterAccess connect(Path kubeconfig, String context) {
    return open(kubeconfig, context, DEFAULT_CONNECT_TIMEOUT);
  }

  /**
   * A client whose API server has answered: it fails within {@code connectTimeout} when the server
   * cannot be reached, naming it, and logs each retry.
   *
   * @param kubeconfig a kubeconfig file to use instead of the standard search, or null
   * @param context the kube context to use instead of the current one, or null
   * @param connectTimeout how long to try to reach the server, and how long any later call may wait for its answer
   */
  public static ClusterAccess connect(Path kubeconfig, String context, Duration connectTimeout, ProgressLog log) {
    ClusterAccess access = open(kubeconfig, context, connectTimeout);
    try {
      KubernetesClient client = access.client();
      new ApiServerProbe(client.getHttpClient(), ApiServer.of(client.getConfiguration()), log).await();
      return access;
    } catch (RuntimeException e) {
      access.close();
      throw e;
    }
  }

  private static ClusterAccess open(Path kubeconfig, String context, Duration connectTimeout) {
    Config config = load(kubeconfig, context);
    if (config.getCurrentContext() == null && !inClusterOrExplicitServer()) {
      throw new KbuildxException("no Kubernetes API access is configured: set KUBECONFIG, create "
          + "~/.kube/config, set the kubeconfig setting, or run inside a Kubernetes pod");
    }
    int millis = Math.toIntExact(connectTimeout.toMillis());
    config.setConnectionTimeout(millis);
    config.setRequestTimeout(millis);
    // fabric8 would retry a failed call silently for about 20 s; kbuildx's own retries are logged and bounded.
    config.setRequestRetryBackoffLimit(0);
    SharedClient shared = SharedClients.JVM.acquire(kubeconfig, wanted(context), config,
        () -> new KubernetesClientBuilder().withConfig(config)
            .withHttpClientBuilderConsumer(builder -> builder.addOrReplaceInterceptor(HTTP_LOGGING_INTERCEPTOR, null))
            .build());
    return new ClusterAccess(shared, namespaceOrDefault(config.getNamespace()));
  }

  /** Wraps a client built elsewhere, such as a mock server's; closing the last share closes it. */
  public static ClusterAccess of(KubernetesClient client) {
    return new ClusterAccess(SharedClient.closedWhenUnused(client).acquire(),
        namespaceOrDefault(client.getNamespace()));
  }

  /** Another handle on the same client, for what outlives this one, such as a connection other builds share. */
  public ClusterAccess share() {
    if (closed.get()) {
      throw new IllegalStateException("this cluster access is closed");
    }
    return new ClusterAccess(shared.acquire(), defaultNamespace);
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
    return shared.client();
  }

  public String defaultNamespace() {
    return defaultNamespace;
  }

  /** Ends this handle's use of the client, which the JVM keeps for the next build (see {@link SharedClients}). */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      shared.release();
    }
  }

  private static Config load(Path kubeconfig, String context) {
    String wanted = wanted(context);
    Config config = kubeconfig == null ? Config.autoConfigure(wanted) : fromFile(kubeconfig, wanted);
    // fabric8 silently falls back to the current context when the requested one does not exist.
    if (wanted != null && !contextNames(config).contains(wanted)) {
      throw InvalidSettingException.setting(SettingKey.KUBE_CONTEXT.key(), context, knownContexts(config));
    }
    return config;
  }

  private static String wanted(String context) {
    return context == null || context.isBlank() ? null : context;
  }

  private static Config fromFile(Path kubeconfig, String context) {
    if (!Files.isRegularFile(kubeconfig) || !Files.isReadable(kubeconfig)) {
      throw InvalidSettingException.setting(
          SettingKey.KUBECONFIG.key(), kubeconfig.toString(), "the path must name a readable kubeconfig file");
    }
    try {
      return Config.fromKubeconfig(context, kubeconfig.toFile());
    } catch (KubernetesClientException e) {
      // The parser's message may quote the file, which can hold credentials: leave it out.
      throw InvalidSettingException.setting(
          SettingKey.KUBECONFIG.key(), kubeconfig.toString(), "the file is not a valid kubeconfig (YAML with clusters, contexts and users)");
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
