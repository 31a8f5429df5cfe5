package dev.kbuildx.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.net.SocketAddress;

/**
 * gRPC's own socket connections to a daemon, watched from the head of each connection's pipeline:
 * the connect, the first raw bytes (before TLS) and who ended the connection go into a {@link
 * ConnectionRecord}, as {@link StreamBridge} records them for byte streams.
 */
final class SocketConnection {
  private final SocketEndpoint endpoint;
  private final ConnectionRecord record;

  SocketConnection(SocketEndpoint endpoint, TlsFiles tls) {
    this.endpoint = endpoint;
    this.record = new ConnectionRecord(endpoint, tls);
  }

  ConnectionRecord record() {
    return record;
  }

  /** A new channel for gRPC to connect, watched from the start. */
  Channel newChannel() {
    Channel channel = endpoint.newNettyChannel();
    channel.pipeline().addFirst(new Watch());
    return channel;
  }

  /** One per connection. */
  private final class Watch extends ChannelDuplexHandler {
    private boolean readAny;
    private boolean closedHere;
    private boolean failed;

    @Override
    public void connect(ChannelHandlerContext ctx, SocketAddress remote, SocketAddress local, ChannelPromise promise) {
      promise.addListener(done -> {
        if (done.isSuccess()) {
          record.opened();
        } else {
          failed = true;
          record.troubled(endpoint.refusal(done.cause()));
        }
      });
      ctx.connect(remote, local, promise);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (!readAny && msg instanceof ByteBuf bytes && bytes.isReadable()) {
        readAny = true;
        record.firstRead(ByteBufUtil.getBytes(bytes, bytes.readerIndex(), Math.min(bytes.readableBytes(),
            ConnectionRecord.FIRST_BYTES)));
      }
      ctx.fireChannelRead(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      if (!closedHere && !failed) {
        failed = true;
        record.troubled(ConnectionFailures.lost(endpoint.endpoint(), cause));
      }
      ctx.fireExceptionCaught(cause);
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
      closedHere = true;
      ctx.close(promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (!closedHere && !failed) {
        record.troubled(ConnectionFailures.closed(endpoint.endpoint()));
      }
      ctx.fireChannelInactive();
    }
  }
}
