package dev.kbuildx.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** Plain TCP connections to {@code tcp://host:port}; TLS, if any, is added by the gRPC channel. */
public final class TcpConnector implements ByteStreamConnector {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final String host;
  private final int port;
  private final Duration connectTimeout;

  public TcpConnector(String host, int port) {
    this(host, port, CONNECT_TIMEOUT);
  }

  private TcpConnector(String host, int port, Duration connectTimeout) {
    this.host = host;
    this.port = port;
    this.connectTimeout = connectTimeout;
  }

  /** The same endpoint, giving up on a connection that is not made within {@code limit}. */
  public TcpConnector withConnectTimeout(Duration limit) {
    return new TcpConnector(host, port, limit);
  }

  @Override
  public ByteStream open() throws IOException {
    return SocketStreams.of(connect(host, port, endpoint(), connectTimeout));
  }

  /** A connected socket with Nagle's delay off, as HTTP/2 wants; failures name the endpoint. */
  public static Socket connect(String host, int port, String endpoint) throws IOException {
    return connect(host, port, endpoint, CONNECT_TIMEOUT);
  }

  private static Socket connect(String host, int port, String endpoint, Duration timeout) throws IOException {
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(host, port), (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
      return socket;
    } catch (IOException e) {
      socket.close();
      throw new IOException("cannot connect to " + endpoint + ": " + describe(e), e);
    }
  }

  @Override
  public String endpoint() {
    return "tcp://" + hostPort(host, port);
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  static String hostPort(String host, int port) {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  static String describe(IOException e) {
    String message = e.getMessage();
    if (e instanceof java.net.UnknownHostException) {
      return "unknown host " + message;
    }
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
