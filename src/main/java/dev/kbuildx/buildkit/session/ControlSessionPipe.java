package dev.kbuildx.buildkit.session;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import dev.kbuildx.buildkit.proto.control.BytesMessage;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.CompletableFuture;

/**
 * Carries the session's HTTP/2 bytes between the {@code Control/Session} call and the local
 * connection to the session server, in both directions with back-pressure: the connection stops
 * reading while the call cannot send, and the next message from the daemon is only requested once
 * the previous one has been handed to the connection. Every call on the request side happens on the
 * connection's event loop, since gRPC's stream observers are not thread-safe.
 */
final class ControlSessionPipe extends ChannelInboundHandlerAdapter
    implements ClientResponseObserver<BytesMessage, BytesMessage> {
  private final CompletableFuture<Void> ended = new CompletableFuture<>();
  private volatile Channel channel;
  private volatile ClientCallStreamObserver<BytesMessage> toDaemon;
  private boolean halfClosed;

  /** Completes when the daemon ends the call: normally, or exceptionally with gRPC's error. */
  CompletableFuture<Void> ended() {
    return ended;
  }

  /** The connection to the session server; set before the call starts, as the daemon may write at once. */
  void bind(Channel connection) {
    channel = connection;
  }

  /** Starts sending the server's bytes, once the call exists. */
  void startReading() {
    channel.config().setAutoRead(true);
  }

  /** Tells the daemon no more bytes will come; it then tears the session down and ends the call. */
  void halfClose() {
    channel.eventLoop().execute(this::completeRequests);
  }

  /** Abandons the call; nothing is sent on it afterwards. */
  void cancel(String reason) {
    channel.eventLoop().execute(() -> {
      halfClosed = true;
      toDaemon.cancel(reason, null);
    });
  }

  @Override
  public void beforeStart(ClientCallStreamObserver<BytesMessage> requestStream) {
    toDaemon = requestStream;
    requestStream.disableAutoRequestWithInitial(1);
    requestStream.setOnReadyHandler(() -> {
      Channel connection = channel;
      if (connection != null) {
        connection.eventLoop().execute(() -> {
          if (toDaemon.isReady()) {
            connection.config().setAutoRead(true);
          }
        });
      }
    });
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf bytes = (ByteBuf) msg;
    try {
      if (!halfClosed) {
        toDaemon.onNext(BytesMessage.newBuilder().setData(data(bytes)).build());
        if (!toDaemon.isReady()) {
          ctx.channel().config().setAutoRead(false);
        }
      }
    } finally {
      bytes.release();
    }
  }

  /**
   * Once the call's stream is ready, gRPC serialises a message while it sends it, so the message may
   * wrap the connection's buffer, released right after: a large upload then leaves no copy of itself
   * on the heap. Before that, gRPC holds messages until the connection exists, so they are copied.
   * (Daemon channels never replay a call, which would send a held message again.)
   */
  private ByteString data(ByteBuf bytes) {
    return toDaemon.isReady() ? UnsafeByteOperations.unsafeWrap(bytes.nioBuffer())
        : ByteString.copyFrom(bytes.nioBuffer());
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    completeRequests();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }

  @Override
  public void onNext(BytesMessage message) {
    ByteBuf bytes = Unpooled.wrappedBuffer(message.getData().asReadOnlyByteBuffer());
    channel.writeAndFlush(bytes).addListener(written -> {
      if (written.isSuccess()) {
        toDaemon.request(1);
      }
    });
  }

  @Override
  public void onError(Throwable error) {
    channel.close();
    ended.completeExceptionally(error);
  }

  @Override
  public void onCompleted() {
    channel.close();
    ended.complete(null);
  }

  private void completeRequests() {
    if (!halfClosed) {
      halfClosed = true;
      toDaemon.onCompleted();
    }
  }
}
