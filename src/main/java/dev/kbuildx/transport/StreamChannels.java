package dev.kbuildx.transport;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.ChannelOption;
import io.netty.channel.local.LocalChannel;
import io.netty.handler.ssl.SslContext;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * gRPC over any byte stream: the one way kbuildx reaches buildkitd, whatever carries the bytes
 * (socket, Docker Engine upgrade, pod exec). gRPC connects to an in-process Netty address, and each
 * connection it makes is pumped to a new stream of the connector. With TLS, the handshake runs in
 * gRPC's own pipeline over the raw stream.
 */
public final class StreamChannels {
  /** BuildKit's own limit; gRPC's default of 4 MiB is too small for some status updates. */
  public static final int MAX_MESSAGE_SIZE = 16 * 1024 * 1024;
  /**
   * Daemons built on grpc-go close connections that ping more often than every 5 minutes, so
   * keepalive pings stay above that and are only sent while calls are open.
   */
  private static final long KEEPALIVE_MINUTES = 6;
  private static final long KEEPALIVE_TIMEOUT_SECONDS = 30;
  /** Any valid authority works in cleartext: buildkitd does not check it. */
  private static final String PLAINTEXT_AUTHORITY = "localhost";

  private StreamChannels() {}

  /** A cleartext HTTP/2 (prior knowledge) channel. */
  public static ManagedChannel open(ByteStreamConnector connector) {
    return open(connector, null, null);
  }

  /**
   * A channel whose TLS files are read here, so that their errors surface before any dial.
   *
   * @param tls the client's TLS files, or null for cleartext
   * @param serverName the name the server certificate must carry (also sent as SNI); used with TLS only
   */
  public static ManagedChannel open(ByteStreamConnector connector, TlsFiles tls, String serverName) {
    SslContext context = null;
    if (tls != null) {
      Objects.requireNonNull(serverName, "a TLS channel needs the server name");
      context = tls.grpcContext();
    }
    StreamBridge bridge = StreamBridge.start(connector, tls);
    NettyChannelBuilder builder = NettyChannelBuilder.forAddress(bridge.address())
        .channelType(LocalChannel.class)
        .eventLoopGroup(LocalTransport.eventLoops())
        // gRPC asks every transport for TCP keepalive; a local channel has none and Netty warns about it.
        .withOption(ChannelOption.SO_KEEPALIVE, null)
        .maxInboundMessageSize(MAX_MESSAGE_SIZE)
        .keepAliveTime(KEEPALIVE_MINUTES, TimeUnit.MINUTES)
        .keepAliveTimeout(KEEPALIVE_TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .keepAliveWithoutCalls(false)
        // A replayed call would resend messages that wrap buffers already reused (the session's upload).
        .disableRetry();
    if (context == null) {
      builder.usePlaintext().overrideAuthority(PLAINTEXT_AUTHORITY);
    } else {
      builder.sslContext(context).overrideAuthority(serverName);
    }
    return new BridgedChannel(builder.build(), bridge);
  }
}
