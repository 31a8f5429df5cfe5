package dev.kbuildx.driver.docker;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.buildkit.ByteStream;
import dev.kbuildx.buildkit.ByteStreamConnector;
import dev.kbuildx.driver.remote.SocketStreams;
import dev.kbuildx.driver.remote.TcpConnector;
import dev.kbuildx.driver.remote.TlsFiles;
import dev.kbuildx.driver.remote.UnixSocketConnector;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * The BuildKit built into a local Docker Engine, reached through the engine API: {@code POST /grpc}
 * upgraded to h2c carries the Control API. The engine is found like the Docker CLI finds it:
 * {@code DOCKER_HOST} (default {@code unix:///var/run/docker.sock}), with TLS when
 * {@code DOCKER_TLS_VERIFY} is set, using {@code ca.pem}, {@code cert.pem} and {@code key.pem}
 * from {@code DOCKER_CERT_PATH} (default {@code ~/.docker}).
 */
public final class DockerEngineConnector implements ByteStreamConnector {
  static final String DEFAULT_HOST = "unix:///var/run/docker.sock";
  static final String SETTING = "DOCKER_HOST";
  static final String ACCEPTED = "unix:///path/to/docker.sock or tcp://host[:port]";
  private static final String GRPC_PATH = "/grpc";
  private static final int PLAIN_PORT = 2375;
  private static final int TLS_PORT = 2376;

  private final String dockerHost;
  private final Dialer dialer;

  private DockerEngineConnector(String dockerHost, Dialer dialer) {
    this.dockerHost = dockerHost;
    this.dialer = dialer;
  }

  /** Connects the way the environment tells the Docker CLI to. */
  public static DockerEngineConnector fromEnvironment(Map<String, String> env) {
    String host = env.getOrDefault("DOCKER_HOST", "");
    String verify = env.getOrDefault("DOCKER_TLS_VERIFY", "");
    TlsFiles tls = null;
    if (!verify.isEmpty()) {
      String certPath = env.getOrDefault("DOCKER_CERT_PATH", "");
      Path dir = certPath.isEmpty() ? Path.of(System.getProperty("user.home"), ".docker") : Path.of(certPath);
      tls = new TlsFiles(dir.resolve("ca.pem"), dir.resolve("cert.pem"), dir.resolve("key.pem"), null);
    }
    return of(host.isEmpty() ? DEFAULT_HOST : host, tls);
  }

  /** @param tls TLS files for a {@code tcp://} engine, or null */
  public static DockerEngineConnector of(String dockerHost, TlsFiles tls) {
    if (dockerHost.startsWith("unix://")) {
      String path = dockerHost.substring("unix://".length());
      if (!path.startsWith("/") || tls != null) {
        throw InvalidSettingException.setting(SETTING, dockerHost,
            tls != null ? "TLS applies to tcp:// engines only" : "the socket path must be absolute; use " + ACCEPTED);
      }
      Path socket = Path.of(path);
      return new DockerEngineConnector(dockerHost, () -> SocketStreams.of(UnixSocketConnector.connect(socket, dockerHost)));
    }
    if (dockerHost.startsWith("tcp://")) {
      URI uri = tcpUri(dockerHost);
      int port = uri.getPort() > 0 ? uri.getPort() : tls == null ? PLAIN_PORT : TLS_PORT;
      String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
      return new DockerEngineConnector(dockerHost, tls == null
          ? () -> SocketStreams.of(TcpConnector.connect(host, port, dockerHost))
          : () -> SocketStreams.of(tlsSocket(tls, host, port, dockerHost)));
    }
    throw InvalidSettingException.setting(SETTING, dockerHost, "use " + ACCEPTED);
  }

  /**
   * A stream to the engine's BuildKit Control API ({@code POST /grpc}). Sessions need nothing
   * else: {@code Control/Session} works through it, even on Docker 20.10's BuildKit 0.8.
   */
  @Override
  public ByteStream open() throws IOException {
    ByteStream stream = dialer.dial();
    try {
      HttpUpgrade.perform(stream, GRPC_PATH, "the Docker Engine at " + dockerHost);
      return stream;
    } catch (IOException | RuntimeException e) {
      stream.close();
      throw e;
    }
  }

  @Override
  public String endpoint() {
    return dockerHost;
  }

  private static URI tcpUri(String dockerHost) {
    try {
      URI uri = new URI(dockerHost);
      if (uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // Reported below like any other address without a host.
    }
    throw InvalidSettingException.setting(SETTING, dockerHost, "a host name or IP address is needed; use " + ACCEPTED);
  }

  private static Socket tlsSocket(TlsFiles tls, String host, int port, String endpoint) throws IOException {
    Socket plain = TcpConnector.connect(host, port, endpoint);
    try {
      SSLSocket socket = (SSLSocket) tls.socketContext().getSocketFactory().createSocket(plain, host, port, true);
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      socket.setSSLParameters(parameters);
      socket.startHandshake();
      return socket;
    } catch (IOException e) {
      plain.close();
      throw new IOException("TLS with " + endpoint + " failed: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      plain.close();
      throw e;
    }
  }

  /** Opens the raw connection to the engine, before the upgrade. */
  @FunctionalInterface
  private interface Dialer {
    ByteStream dial() throws IOException;
  }
}
