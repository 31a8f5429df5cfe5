package dev.kbuildx.driver.remote;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.SettingKey;
import dev.kbuildx.transport.ByteStreamConnector;
import dev.kbuildx.transport.StreamChannels;
import dev.kbuildx.transport.TcpConnector;
import dev.kbuildx.transport.TlsFiles;
import dev.kbuildx.transport.UnixSocketConnector;
import io.grpc.ManagedChannel;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;

/** A buildkitd address that kbuildx dials itself: {@code tcp://host:port} (optionally TLS) or {@code unix:///path}. */
public final class RemoteEndpoint {
  static final String SETTING = SettingKey.ENDPOINT.key();
  static final String ACCEPTED = "tcp://host:port or unix:///absolute/path/to/buildkitd.sock";
  private static final String TCP = "tcp://";
  private static final String UNIX = "unix://";

  private final ByteStreamConnector connector;
  private final TlsFiles tls;
  private final String serverName;

  private RemoteEndpoint(ByteStreamConnector connector, TlsFiles tls, String serverName) {
    this.connector = connector;
    this.tls = tls;
    this.serverName = serverName;
  }

  public static RemoteEndpoint parse(String value) {
    return parse(value, null);
  }

  /** @param tls TLS files for a {@code tcp://} endpoint, or null for cleartext */
  public static RemoteEndpoint parse(String value, TlsFiles tls) {
    if (value == null || value.isBlank()) {
      throw InvalidSettingException.setting(SETTING, String.valueOf(value), ACCEPTED);
    }
    if (value.startsWith(TCP)) {
      TcpConnector tcp = parseTcp(value);
      String serverName = tls == null || tls.serverName() == null ? tcp.host() : tls.serverName();
      return new RemoteEndpoint(tcp, tls, serverName);
    }
    if (value.startsWith(UNIX)) {
      if (tls != null) {
        throw InvalidSettingException.setting(SETTING, value, "TLS files can only be used with tcp:// endpoints");
      }
      return new RemoteEndpoint(new UnixSocketConnector(parseUnix(value)), null, null);
    }
    int scheme = value.indexOf("://");
    String what = scheme > 0 ? "the scheme " + value.substring(0, scheme) + ":// is not supported; use " : "use ";
    throw InvalidSettingException.setting(SETTING, value, what + ACCEPTED);
  }

  private static TcpConnector parseTcp(String value) {
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw InvalidSettingException.setting(SETTING, value, "not a valid address; use " + ACCEPTED);
    }
    String host = uri.getHost();
    if (host == null || uri.getUserInfo() != null) {
      throw InvalidSettingException.setting(SETTING, value, "a host name or IP address is needed; use " + ACCEPTED);
    }
    if (uri.getPort() < 1) {
      throw InvalidSettingException.setting(SETTING, value, "a port number is needed; use " + ACCEPTED);
    }
    if (!(uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
        || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw InvalidSettingException.setting(SETTING, value, "a tcp:// address has no path or query; use " + ACCEPTED);
    }
    String bareHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    return new TcpConnector(bareHost, uri.getPort());
  }

  private static Path parseUnix(String value) {
    String path = value.substring(UNIX.length());
    if (!path.startsWith("/") || path.length() == 1) {
      throw InvalidSettingException.setting(SETTING, value, "the socket path must be absolute; use " + ACCEPTED);
    }
    return Path.of(path);
  }

  public ByteStreamConnector connector() {
    return connector;
  }

  /**
   * A gRPC channel to the daemon; TLS files are read here, so their errors surface before any dial.
   *
   * @param connectTimeout how long a TCP connection may take to be made
   */
  public ManagedChannel openChannel(Duration connectTimeout) {
    ByteStreamConnector limited = connector instanceof TcpConnector tcp ? tcp.withConnectTimeout(connectTimeout)
        : connector;
    return StreamChannels.open(limited, tls, serverName);
  }

  @Override
  public String toString() {
    return connector.endpoint();
  }
}
