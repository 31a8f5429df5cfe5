package dev.kbuildx.engine;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpResponse;
import java.io.Closeable;
import java.io.InputStream;
import java.util.Optional;

/** An answer of the engine whose head has arrived; closing it drops the connection. */
final class EngineAnswer implements Closeable {
  private final Channel channel;
  private final HttpResponse head;
  private final AnswerBody body;

  EngineAnswer(Channel channel, HttpResponse head, AnswerBody body) {
    this.channel = channel;
    this.head = head;
    this.body = body;
  }

  int status() {
    return head.status().code();
  }

  /** The status line's code and reason, such as {@code 404 Not Found}. */
  String statusText() {
    return head.status().toString();
  }

  Optional<String> header(String name) {
    return Optional.ofNullable(head.headers().get(name));
  }

  InputStream body() {
    return body;
  }

  @Override
  public void close() {
    channel.close();
  }
}
