package dev.kbuildx.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import java.io.IOException;
import java.util.Arrays;

/**
 * An in-process listener that gRPC connects to: every connection it accepts opens a new byte
 * stream with the connector and is pumped to it. It remembers how the last connection went (why it
 * could not be made or was lost, what the daemon sent first), so that gRPC's generic failures can
 * be explained to users ({@link ConnectionFailures}).
 */
final class StreamBridge implements ConnectionFailures.Connection {
  private static final int FIRST_BYTES = 64;

  private final ByteStreamConnector connector;
  private final TlsFiles tls;
  private final LocalAddress address;
  private volatile Channel listener;
  private volatile String trouble;
  private volatile boolean streamOpened;
  private volatile byte[] firstBytes;

  private StreamBridge(ByteStreamConnector connector, TlsFiles tls) {
    this.connector = connector;
    this.tls = tls;
    this.address = LocalTransport.newAddress("kbuildx-stream");
  }

  /** @param tls the TLS files gRPC's pipeline uses over the streams, or null for cleartext */
  static StreamBridge start(ByteStreamConnector connector, TlsFiles tls) {
    StreamBridge bridge = new StreamBridge(connector, tls);
    bridge.listener = new ServerBootstrap()
        .group(LocalTransport.eventLoops())
        .channel(LocalServerChannel.class)
        .childHandler(new ChannelInitializer<LocalChannel>() {
          @Override
          protected void initChannel(LocalChannel channel) {
            // Nothing is read until the byte stream exists; gRPC's preface waits in the channel.
            channel.config().setAutoRead(false);
            channel.pipeline().addLast(bridge.new Opener());
          }
        })
        .bind(bridge.address)
        .syncUninterruptibly()
        .channel();
    return bridge;
  }

  LocalAddress address() {
    return address;
  }

  @Override
  public String trouble() {
    return trouble;
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

  /** Stops accepting connections; those already made end with their gRPC transports. */
  void close() {
    listener.close();
  }

  private void open(Channel channel) {
    ByteStream stream;
    try {
      stream = connector.open();
    } catch (IOException | RuntimeException e) {
      trouble = ConnectionFailures.describe(e);
      channel.close();
      return;
    }
    trouble = null;
    streamOpened = true;
    // gRPC may already reconnect while a failed call is explained, so these facts outlive their connection.
    StreamPump.attach(channel, stream, connector.endpoint(), reason -> trouble = reason,
        bytes -> firstBytes = Arrays.copyOf(bytes, Math.min(bytes.length, FIRST_BYTES)));
  }

  /** Opens the byte stream off the event loop, since connectors block. */
  private final class Opener extends ChannelInboundHandlerAdapter {
    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      ctx.pipeline().remove(this);
      LocalTransport.blockingIo().execute(() -> open(ctx.channel()));
    }
  }
}
