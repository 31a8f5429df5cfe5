package dev.kbuildx.engine;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * Receives the engine's answer on the event loop: the head completes {@link #head()}, the body
 * is handed to the reading thread through {@link #body()}. Whatever ends the connection early
 * fails whichever of the two is still open.
 */
final class AnswerHandler extends ChannelInboundHandlerAdapter {
  private final CompletableFuture<HttpResponse> head = new CompletableFuture<>();
  private final AnswerBody body = new AnswerBody();

  CompletableFuture<HttpResponse> head() {
    return head;
  }

  AnswerBody body() {
    return body;
  }

  void failHead(IOException error) {
    head.completeExceptionally(error);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (msg instanceof HttpObject object && object.decoderResult().isFailure()) {
        fail(new IOException("the answer is not valid HTTP: "
            + EngineHttp.describe(object.decoderResult().cause()), object.decoderResult().cause()));
        ctx.close();
        return;
      }
      if (msg instanceof HttpResponse response) {
        head.complete(response);
      }
      if (msg instanceof HttpContent content) {
        body.add(ByteBufUtil.getBytes(content.content()));
        if (content instanceof LastHttpContent) {
          body.end();
          ctx.close();
        }
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    fail(new IOException(EngineHttp.describe(cause), cause));
    ctx.close();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    fail(new IOException("the engine closed the connection before its answer was complete"));
    ctx.fireChannelInactive();
  }

  private void fail(IOException error) {
    head.completeExceptionally(error);
    body.fail(error);
  }
}
