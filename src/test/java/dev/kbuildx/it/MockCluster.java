package dev.kbuildx.it;

import dev.kbuildx.driver.docker.DockerEngineConnector;
import dev.kbuildx.engine.TestEngine;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.File;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A Kubernetes API for tests: fabric8's mock server in CRUD mode (it stores what it is sent) on
 * 127.0.0.1, plus {@link FakeWorkloadController} so workloads get ready pods, whose BuildKit is the
 * test engine's when one is given (see {@link #start()}). The invoker
 * integration tests start one in {@code prebuild.groovy}, so that every invocation of the test
 * shares it, and close it in {@code verify.groovy}:
 *
 * <pre>{@code
 * context.cluster = dev.kbuildx.it.MockCluster.startFor(basedir)   // prebuild.groovy
 * context.cluster?.close()                                          // verify.groovy, in finally
 * }</pre>
 */
public final class MockCluster implements AutoCloseable {
  /** Name of the kubeconfig file {@link #startFor(File)} writes into the test project. */
  public static final String KUBECONFIG_FILE = "kubeconfig";

  /** Held so that the level set on it stays (java.util.logging keeps loggers weakly). */
  private static final Logger REQUEST_LOG = Logger.getLogger(MockWebServer.class.getName());

  private final KubernetesMockServer server;
  private final KubernetesClient client;
  private final FakeWorkloadController controller;

  private MockCluster(KubernetesMockServer server) {
    this.server = server;
    this.client = server.createClient();
    this.controller = new FakeWorkloadController(client);
  }

  /**
   * Starts a cluster on a free port of 127.0.0.1. When {@value TestEngine#DOCKER_HOST_VARIABLE}
   * names the test engine (as in CI), its pods run {@code buildctl dial-stdio} as
   * {@link #startWithEngine(String)} describes.
   */
  public static MockCluster start() {
    return start(System.getenv(TestEngine.DOCKER_HOST_VARIABLE));
  }

  /**
   * Starts a cluster whose pods reach the BuildKit of the Docker Engine at {@code dockerHost}
   * through {@code pods/exec} of {@code buildctl dial-stdio}, so the pod transport runs end to end.
   */
  public static MockCluster startWithEngine(String dockerHost) {
    return start(Objects.requireNonNull(dockerHost, "dockerHost"));
  }

  /** @param dockerHost the engine the pods' BuildKit is, or null or blank for pods without one */
  private static MockCluster start(String dockerHost) {
    // One line per request would bury the test output; failures still show in the build logs.
    REQUEST_LOG.setLevel(Level.WARNING);
    KubernetesCrudDispatcher store = new KubernetesCrudDispatcher(List.of());
    Dispatcher dispatcher = dockerHost == null || dockerHost.isBlank()
        ? store : new ExecToEngineDispatcher(store, DockerEngineConnector.of(dockerHost, null));
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(),
        new HashMap<>(), dispatcher, true);
    server.init(loopback(), 0);
    MockCluster cluster = new MockCluster(server);
    cluster.controller.start();
    return cluster;
  }

  /** Starts a cluster and writes its kubeconfig to {@code <projectDir>/kubeconfig}. */
  public static MockCluster startFor(File projectDir) {
    MockCluster cluster = start();
    cluster.writeKubeconfig(projectDir.toPath().resolve(KUBECONFIG_FILE));
    return cluster;
  }

  /** The API server address, such as {@code https://127.0.0.1:41234}. */
  public String url() {
    return "https://127.0.0.1:" + server.getPort();
  }

  /** A client on the cluster, for assertions on what a build left there. */
  public KubernetesClient client() {
    return client;
  }

  /** The requests the API server received since the last call, oldest first: who asked for what, with which token. */
  public List<RecordedRequest> takeRequests() throws InterruptedException {
    List<RecordedRequest> requests = new ArrayList<>();
    for (RecordedRequest request = server.takeRequest(0, TimeUnit.SECONDS); request != null;
        request = server.takeRequest(0, TimeUnit.SECONDS)) {
      requests.add(request);
    }
    return requests;
  }

  /** Writes a kubeconfig for this cluster (see {@link MockKubeconfig} for its contexts). */
  public Path writeKubeconfig(Path file) {
    return MockKubeconfig.write(file, url());
  }

  @Override
  public void close() {
    controller.close();
    client.close();
    server.destroy();
  }

  private static InetAddress loopback() {
    try {
      // Explicitly IPv4: the kubeconfig URL must not depend on the JVM's IPv6 preference.
      return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
