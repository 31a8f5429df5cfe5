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

/**
 * An in-process listener that gRPC connects to: every connection it accepts opens a new byte
 * stream with the connector and is pumped to it. It remembers why the last connection could not
 * be made or was lost, so that gRPC's generic "unavailable" can be explained to users.
 */
final class StreamBridge {
  private final ByteStreamConnector connector;
  private final LocalAddress address;
  private volatile Channel listener;
  private volatile String trouble;

  private StreamBridge(ByteStreamConnector connector) {
    this.connector = connector;
    this.address = LocalTransport.newAddress("kbuildx-stream");
  }

  static StreamBridge start(ByteStreamConnector connector) {
    StreamBridge bridge = new StreamBridge(connector);
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

  /** Why the last connection failed or ended from the daemon's side, or null if it is fine. */
  String trouble() {
    return trouble;
  }

  String endpoint() {
    return connector.endpoint();
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
      trouble = StreamPump.describe(e);
      channel.close();
      return;
    }
    trouble = null;
    StreamPump.attach(channel, stream, connector.endpoint(), reason -> trouble = reason);
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
