package dev.kbuildx.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.net.SocketAddress;

/**
 * What gRPC's own socket connections to a daemon went through, for {@link ConnectionFailures}: a
 * handler at the head of each connection's pipeline sees the connect, the first raw bytes (before
 * TLS) and who ended the connection, as {@link StreamBridge} does for byte streams.
 */
final class SocketConnection implements ConnectionFailures.Connection {
  private static final int FIRST_BYTES = 64;

  private final SocketEndpoint endpoint;
  private final TlsFiles tls;
  private volatile String trouble;
  private volatile boolean streamOpened;
  private volatile byte[] firstBytes;

  SocketConnection(SocketEndpoint endpoint, TlsFiles tls) {
    this.endpoint = endpoint;
    this.tls = tls;
  }

  /** A new channel for gRPC to connect, watched from the start. */
  Channel newChannel() {
    Channel channel = endpoint.newNettyChannel();
    channel.pipeline().addFirst(new Watch());
    return channel;
  }

  @Override
  public String endpoint() {
    return endpoint.endpoint();
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
    return TlsProbe.answersTls(endpoint);
  }

  /** One per connection; the facts it records outlive it, since gRPC may reconnect while a failure is explained. */
  private final class Watch extends ChannelDuplexHandler {
    private boolean readAny;
    private boolean closedHere;
    private boolean failed;

    @Override
    public void connect(ChannelHandlerContext ctx, SocketAddress remote, SocketAddress local, ChannelPromise promise) {
      promise.addListener(done -> {
        if (done.isSuccess()) {
          trouble = null;
          streamOpened = true;
        } else {
          failed = true;
          trouble = endpoint.refusal(done.cause());
        }
      });
      ctx.connect(remote, local, promise);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (!readAny && msg instanceof ByteBuf bytes && bytes.isReadable()) {
        readAny = true;
        firstBytes = ByteBufUtil.getBytes(bytes, bytes.readerIndex(), Math.min(bytes.readableBytes(), FIRST_BYTES));
      }
      ctx.fireChannelRead(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      if (!closedHere && !failed) {
        failed = true;
        trouble = ConnectionFailures.lost(endpoint(), cause);
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
        trouble = ConnectionFailures.closed(endpoint());
      }
      ctx.fireChannelInactive();
    }
  }
}
