package dev.kbuildx.driver.docker;

import dev.kbuildx.engine.EngineEndpoint;
import dev.kbuildx.transport.ByteStream;
import dev.kbuildx.transport.ByteStreamConnector;
import dev.kbuildx.transport.SocketStreams;
import dev.kbuildx.transport.TcpConnector;
import dev.kbuildx.transport.TlsFiles;
import dev.kbuildx.transport.UnixSocketConnector;
import java.io.IOException;
import java.net.Socket;
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
  private static final String GRPC_PATH = "/grpc";

  private final String dockerHost;
  private final Dialer dialer;

  private DockerEngineConnector(String dockerHost, Dialer dialer) {
    this.dockerHost = dockerHost;
    this.dialer = dialer;
  }

  /** Connects the way the environment tells the Docker CLI to. */
  public static DockerEngineConnector fromEnvironment(Map<String, String> env) {
    return of(EngineEndpoint.fromEnvironment(env));
  }

  /** @param tls TLS files for a {@code tcp://} engine, or null */
  public static DockerEngineConnector of(String dockerHost, TlsFiles tls) {
    return of(EngineEndpoint.of(dockerHost, tls));
  }

  private static DockerEngineConnector of(EngineEndpoint engine) {
    String dockerHost = engine.dockerHost();
    if (engine.isUnixSocket()) {
      return new DockerEngineConnector(dockerHost,
          () -> SocketStreams.of(UnixSocketConnector.connect(engine.socket(), dockerHost)));
    }
    return new DockerEngineConnector(dockerHost, engine.tls() == null
        ? () -> SocketStreams.of(TcpConnector.connect(engine.host(), engine.port(), dockerHost))
        : () -> SocketStreams.of(tlsSocket(engine.tls(), engine.host(), engine.port(), dockerHost)));
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
