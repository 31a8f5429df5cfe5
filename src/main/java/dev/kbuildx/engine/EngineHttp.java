package dev.kbuildx.engine;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.stream.ChunkedNioFile;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * HTTP/1.1 with the Engine API through Netty's client codec: one request per connection, which
 * the engine closes after its answer ({@code Connection: close}). A request body is streamed
 * from a file in chunks, so a large image tarball is never held in memory.
 */
final class EngineHttp {
  private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
  private static final int FILE_CHUNK_SIZE = 64 * 1024;

  private final EngineEndpoint endpoint;

  EngineHttp(EngineEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  /**
   * Sends a request and waits for the head of the answer; the body is read from the answer.
   * Messages of the exceptions do not name the engine: the caller adds what it was doing where.
   *
   * @param body the file to send as the body, or null for none
   */
  EngineAnswer exchange(HttpMethod method, String uri, Map<String, String> headers, Path body) throws IOException {
    if (endpoint.isUnixSocket() && !Files.exists(endpoint.socket())) {
      throw new IOException("cannot connect: the socket does not exist");
    }
    AnswerHandler answer = new AnswerHandler();
    Channel channel = connect(answer);
    try {
      if (endpoint.tls() != null) {
        awaitTls(channel);
      }
      send(channel, request(method, uri, headers, body), body, answer);
      return new EngineAnswer(channel, await(answer.head()), answer.body());
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  private Channel connect(AnswerHandler answer) throws IOException {
    Bootstrap bootstrap = new Bootstrap()
        .group(Loops.GROUP)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
        .handler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel channel) {
            ChannelPipeline pipeline = channel.pipeline();
            if (endpoint.tls() != null) {
              pipeline.addLast(new SslHandler(clientEngine()));
            }
            pipeline.addLast(new HttpClientCodec(), new ChunkedWriteHandler(), answer);
          }
        });
    if (endpoint.isUnixSocket()) {
      bootstrap.channel(NioDomainSocketChannel.class);
    } else {
      bootstrap.channel(NioSocketChannel.class).option(ChannelOption.TCP_NODELAY, true);
    }
    ChannelFuture connected = bootstrap.connect(endpoint.address());
    try {
      awaitDone(connected);
    } catch (InterruptedIOException e) {
      connected.channel().close();
      throw e;
    }
    if (!connected.isSuccess()) {
      throw new IOException("cannot connect: " + describe(connected.cause()), connected.cause());
    }
    return connected.channel();
  }

  private SSLEngine clientEngine() {
    SSLEngine engine = endpoint.tls().socketContext().createSSLEngine(endpoint.host(), endpoint.port());
    engine.setUseClientMode(true);
    SSLParameters parameters = engine.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    engine.setSSLParameters(parameters);
    return engine;
  }

  private static void awaitTls(Channel channel) throws IOException {
    Future<Channel> handshake = channel.pipeline().get(SslHandler.class).handshakeFuture();
    awaitDone(handshake);
    if (!handshake.isSuccess()) {
      throw new IOException("TLS failed: " + describe(handshake.cause()), handshake.cause());
    }
  }

  private HttpRequest request(HttpMethod method, String uri, Map<String, String> headers, Path body)
      throws IOException {
    HttpRequest request = body == null
        ? new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri)
        : new DefaultHttpRequest(HttpVersion.HTTP_1_1, method, uri);
    request.headers()
        .set(HttpHeaderNames.HOST, endpoint.hostHeader())
        .set(HttpHeaderNames.USER_AGENT, "kbuildx")
        .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    headers.forEach(request.headers()::set);
    HttpUtil.setContentLength(request, body == null ? 0 : Files.size(body));
    return request;
  }

  private static void send(Channel channel, HttpRequest request, Path body, AnswerHandler answer) throws IOException {
    ChannelFuture written;
    if (body == null) {
      written = channel.writeAndFlush(request);
    } else {
      channel.write(request);
      FileChannel file = FileChannel.open(body, StandardOpenOption.READ);
      written = channel.writeAndFlush(new HttpChunkedInput(new ChunkedNioFile(file, FILE_CHUNK_SIZE)));
    }
    // An engine may answer (and hang up) before it has read the whole body; its answer then counts.
    written.addListener(result -> {
      if (!result.isSuccess()) {
        answer.failHead(new IOException("sending the request failed: " + describe(result.cause()), result.cause()));
      }
    });
  }

  private static HttpResponse await(CompletableFuture<HttpResponse> head) throws IOException {
    try {
      return head.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the engine's answer");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof IOException io ? io : new IOException(describe(cause), cause);
    }
  }

  private static void awaitDone(Future<?> future) throws InterruptedIOException {
    try {
      future.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while connecting to the engine");
    }
  }

  /** The innermost message that says something: Netty wraps TLS and decoder errors. */
  static String describe(Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null && cause.getCause() != cause
        && (cause.getMessage() == null || cause.getMessage().equals(cause.getCause().toString()))) {
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
  }

  /** One daemon thread serves every engine connection of the process: the answers are small and rare. */
  private static final class Loops {
    static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(
        1, new DefaultThreadFactory("kbuildx-engine-api", true), NioIoHandler.newFactory());
  }
}
