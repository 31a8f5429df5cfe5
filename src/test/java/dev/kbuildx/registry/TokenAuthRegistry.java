package dev.kbuildx.registry;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code docker-registry} (from the PATH, as {@code .ci/engine} uses it) on a free loopback
 * port, requiring Bearer tokens from a {@link TokenIssuer}.
 */
final class TokenAuthRegistry implements AutoCloseable {

  private final Process process;
  private final String address;
  private final Path log;

  private TokenAuthRegistry(Process process, String address, Path log) {
    this.process = process;
    this.address = address;
    this.log = log;
  }

  static TokenAuthRegistry start(Path directory, TokenIssuer issuer) throws Exception {
    Path bundle = directory.resolve("token-issuer.pem");
    Files.writeString(bundle, issuer.certificatePem());
    String address = "127.0.0.1:" + freePort();
    Path config = directory.resolve("registry.yml");
    Files.writeString(config, String.join("\n",
        "version: 0.1",
        "log:",
        "  level: warn",
        "storage:",
        "  filesystem:",
        "    rootdirectory: " + directory.resolve("storage"),
        "http:",
        "  addr: " + address,
        "auth:",
        "  token:",
        "    realm: " + issuer.realm(),
        "    service: " + TokenIssuer.SERVICE,
        "    issuer: " + TokenIssuer.ISSUER,
        "    rootcertbundle: " + bundle,
        ""));
    Path log = directory.resolve("registry.log");
    Process process = new ProcessBuilder("docker-registry", "serve", config.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    TokenAuthRegistry registry = new TokenAuthRegistry(process, address, log);
    registry.awaitChallenge();
    return registry;
  }

  /** {@code 127.0.0.1:<port>}. */
  String address() {
    return address;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  /** Up when {@code /v2/} answers 401 with its token challenge. */
  private void awaitChallenge() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest ping = HttpRequest.newBuilder(URI.create("http://" + address + "/v2/")).timeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("docker-registry exited with " + process.exitValue() + ": " + logText());
      }
      try {
        if (http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 401) {
          return;
        }
      } catch (IOException e) {
        // Not listening yet.
      }
      Thread.sleep(100);
    }
    close();
    throw new IllegalStateException("docker-registry did not answer on " + address + " within 30 s: " + logText());
  }

  private String logText() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
