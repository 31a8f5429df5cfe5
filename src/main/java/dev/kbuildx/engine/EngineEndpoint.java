package dev.kbuildx.engine;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.transport.TlsFiles;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the Engine API listens, read from {@code DOCKER_HOST} the way the Docker CLI reads it:
 * {@code unix:///path} or {@code tcp://host[:port]} (port 2375, or 2376 with TLS), with TLS files
 * from {@code DOCKER_CERT_PATH} when {@code DOCKER_TLS_VERIFY} is set.
 *
 * @param dockerHost the address as given, for messages
 * @param socket the unix socket, or null for TCP
 * @param host the TCP host (brackets of IPv6 literals removed), or null for a unix socket
 * @param port the TCP port, or 0 for a unix socket
 * @param tls TLS files for a TCP engine, or null
 */
public record EngineEndpoint(String dockerHost, Path socket, String host, int port, TlsFiles tls) {
  static final String DEFAULT_HOST = "unix:///var/run/docker.sock";
  static final String SETTING = "DOCKER_HOST";
  static final String ACCEPTED = "unix:///path/to/docker.sock or tcp://host[:port]";
  private static final int PLAIN_PORT = 2375;
  private static final int TLS_PORT = 2376;

  public static EngineEndpoint fromEnvironment(Map<String, String> env) {
    String host = env.getOrDefault("DOCKER_HOST", "");
    TlsFiles tls = null;
    if (!env.getOrDefault("DOCKER_TLS_VERIFY", "").isEmpty()) {
      String certPath = env.getOrDefault("DOCKER_CERT_PATH", "");
      Path dir = certPath.isEmpty() ? Path.of(System.getProperty("user.home"), ".docker") : Path.of(certPath);
      tls = new TlsFiles(dir.resolve("ca.pem"), dir.resolve("cert.pem"), dir.resolve("key.pem"), null);
    }
    return of(host.isEmpty() ? DEFAULT_HOST : host, tls);
  }

  public static EngineEndpoint of(String dockerHost, TlsFiles tls) {
    if (dockerHost.startsWith("unix://")) {
      String path = dockerHost.substring("unix://".length());
      if (!path.startsWith("/") || tls != null) {
        throw InvalidSettingException.setting(SETTING, dockerHost, tls != null
            ? "TLS applies to tcp:// engines only"
            : "the socket path must be absolute; use " + ACCEPTED);
      }
      return new EngineEndpoint(dockerHost, Path.of(path), null, 0, null);
    }
    if (dockerHost.startsWith("tcp://")) {
      URI uri = tcpUri(dockerHost);
      int port = uri.getPort() > 0 ? uri.getPort() : tls == null ? PLAIN_PORT : TLS_PORT;
      String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
      return new EngineEndpoint(dockerHost, null, host, port, tls);
    }
    throw InvalidSettingException.setting(SETTING, dockerHost,
        "use " + ACCEPTED);
  }

  public boolean isUnixSocket() {
    return socket != null;
  }

  SocketAddress address() {
    return isUnixSocket() ? UnixDomainSocketAddress.of(socket) : new InetSocketAddress(host, port);
  }

  /** The {@code Host} header: the engine ignores it on a unix socket, but HTTP/1.1 requires one. */
  String hostHeader() {
    if (isUnixSocket()) {
      return "docker";
    }
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
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
    throw InvalidSettingException.setting(SETTING, dockerHost,
        "a host name or IP address is needed; use " + ACCEPTED);
  }
}
