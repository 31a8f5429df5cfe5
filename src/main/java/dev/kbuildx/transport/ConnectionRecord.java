package dev.kbuildx.transport;

import java.util.Arrays;

/**
 * What a channel's connections to one daemon went through, filled in as they happen (by {@link
 * StreamBridge} or {@link SocketConnection}) and read by {@link ConnectionFailures} to explain a
 * failed call. The facts outlive their connection, since gRPC may reconnect while a failure is explained.
 */
final class ConnectionRecord implements ConnectionFailures.Connection {
  /** How much of what the daemon sent first is kept: enough for a status line or a TLS record header. */
  static final int FIRST_BYTES = 64;

  private final ByteStreamConnector connector;
  private final TlsFiles tls;
  private volatile String trouble;
  private volatile boolean streamOpened;
  private volatile byte[] firstBytes;

  /** @param tls the TLS files gRPC's pipeline uses over the connections, or null for cleartext */
  ConnectionRecord(ByteStreamConnector connector, TlsFiles tls) {
    this.connector = connector;
    this.tls = tls;
  }

  /** A connection was made; earlier trouble is over. */
  void opened() {
    trouble = null;
    streamOpened = true;
  }

  /** Why a connection could not be made or ended from the daemon's side, in a sentence for users. */
  void troubled(String reason) {
    trouble = reason;
  }

  /** The first bytes the daemon sent on a connection; their start is kept. */
  void firstRead(byte[] bytes) {
    firstBytes = Arrays.copyOf(bytes, Math.min(bytes.length, FIRST_BYTES));
  }

  @Override
  public String endpoint() {
    return connector.endpoint();
  }

  @Override
  public TlsFiles tls() {
    return tls;
  }

  @Override
  public String trouble() {
    return trouble;
  }

  @Override
  public boolean streamOpened() {
    return streamOpened;
  }

  @Override
  public byte[] firstBytes() {
    return firstBytes;
  }

  @Override
  public boolean answersTls() {
    return TlsProbe.answersTls(connector);
  }
}
