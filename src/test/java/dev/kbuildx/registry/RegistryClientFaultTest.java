package dev.kbuildx.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.kbuildx.KbuildxException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Registry answers the real registry never gives, from an in-process server on loopback. */
class RegistryClientFaultTest {

  private static final String SECRET = "very-secret-password";

  private final HttpServer server = start();
  private final String registry = "127.0.0.1:" + server.getAddress().getPort();
  private final RegistryRepository repository = new RegistryRepository(registry, "team/app");
  private final Map<String, String> authorizationByPath = new ConcurrentHashMap<>();

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void contentThatDoesNotMatchTheRequestedDigestIsRefused() {
    byte[] served = "{\"schemaVersion\":2}".getBytes(StandardCharsets.UTF_8);
    String requested = "sha256:" + "e".repeat(64);
    serve("/v2/team/app/manifests/" + requested, exchange -> respond(exchange, 200, MediaTypes.OCI_MANIFEST, served));

    assertThatThrownBy(() -> client(RegistryConfig.NONE).fetchManifest(repository, requested))
        .isInstanceOf(KbuildxException.class)
        .hasMessage("GET manifest " + repository + "@" + requested + ": the registry sent content with digest "
            + Digests.sha256(served) + " instead of " + requested);
  }

  @Test
  void aBlobRedirectToAnotherHostDoesNotCarryTheCredentials() {
    byte[] blob = "config".getBytes(StandardCharsets.UTF_8);
    String digest = Digests.sha256(blob);
    int port = server.getAddress().getPort();
    serve("/v2/team/app/blobs/" + digest, exchange -> {
      if (exchange.getRequestHeaders().getFirst("Authorization") == null) {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"fake\"");
        respond(exchange, 401, "application/json", new byte[0]);
        return;
      }
      exchange.getResponseHeaders().set("Location", "http://localhost:" + port + "/storage/blob");
      respond(exchange, 307, "text/plain", new byte[0]);
    });
    serve("/storage/blob", exchange -> respond(exchange, 200, "application/octet-stream", blob));

    assertThat(client(RegistryConfig.NONE).fetchBlob(repository, digest)).isEqualTo(blob);
    assertThat(authorizationByPath.get("/v2/team/app/blobs/" + digest)).startsWith("Basic ");
    assertThat(authorizationByPath.get("/storage/blob")).isEqualTo("none");
  }

  @Test
  void aRegistryErrorEchoingTheSecretHasItCutOut() {
    serve("/v2/team/app/manifests/1", exchange -> {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"fake\"");
      respond(exchange, 401, "application/json", ("{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"password "
          + SECRET + " is wrong\"}]}").getBytes(StandardCharsets.UTF_8));
    });

    assertThatThrownBy(() -> client(RegistryConfig.NONE).fetchManifest(repository, "1"))
        .hasMessageContaining("UNAUTHORIZED: password (hidden) is wrong")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
  }

  @Test
  void plainHttpOnlyForLoopbackAndInsecureRegistries() {
    RegistryClient client = client(RegistryConfig.NONE.withInsecure(Set.of("registry.internal:5000", "https://Mirror.Example/")));

    assertThat(List.of("localhost:5000", "localhost", "127.0.0.1:5000", "127.1.2.3", "[::1]:5000",
        "registry.internal:5000", "mirror.example")).allMatch(client::usesPlainHttp);
    assertThat(List.of("registry.internal", "ghcr.io", "docker.io", "128.0.0.1:5000", "localhost.example.com"))
        .noneMatch(client::usesPlainHttp);
    assertThat(RegistryClient.apiHost("docker.io")).isEqualTo("registry-1.docker.io");
    assertThat(RegistryClient.apiHost("index.docker.io")).isEqualTo("registry-1.docker.io");
    assertThat(RegistryClient.apiHost("GHCR.io")).isEqualTo("ghcr.io");
  }

  private RegistryClient client(RegistryConfig config) {
    return new RegistryClient(new FixedSource("the test's credentials", registry,
        new RegistryCredentials("user", SECRET)), config);
  }

  private interface Handler {
    void handle(HttpExchange exchange) throws IOException;
  }

  private void serve(String path, Handler handler) {
    server.createContext(path, exchange -> {
      try (exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        authorizationByPath.merge(path, authorization == null ? "none" : authorization,
            (old, latest) -> latest.equals("none") ? old : latest);
        handler.handle(exchange);
      }
    });
  }

  private static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static HttpServer start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.start();
      return server;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
