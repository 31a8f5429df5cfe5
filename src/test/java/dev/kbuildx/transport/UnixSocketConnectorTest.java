package dev.kbuildx.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kbuildx.Await;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnixSocketConnectorTest {
  @TempDir
  Path dir;

  @Test
  void writesAndReadsAtTheSameTimeOnOneSocket() throws Exception {
    Path socket = dir.resolve("echo.sock");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      CompletableFuture<Void> echo = CompletableFuture.runAsync(() -> echoOnce(server));

      try (ByteStream stream = new UnixSocketConnector(socket).open()) {
        // A read that waits for bytes must not hold up the write that the echo answers.
        CompletableFuture<byte[]> read = new CompletableFuture<>();
        Thread reader = new Thread(() -> read.complete(readFive(stream)), "reader");
        reader.start();
        Await.until("the reader waits for bytes", Duration.ofSeconds(10), () -> Arrays.stream(reader.getStackTrace())
            .anyMatch(frame -> frame.getMethodName().equals("readNBytes")));
        stream.output().write("hello".getBytes(StandardCharsets.US_ASCII));
        stream.output().flush();

        assertThat(read.get(10, TimeUnit.SECONDS)).asString(StandardCharsets.US_ASCII).isEqualTo("hello");
      }
      echo.get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aMissingSocketIsNamedInTheError() {
    Path socket = dir.resolve("absent.sock");

    assertThatThrownBy(() -> new UnixSocketConnector(socket).open())
        .isInstanceOf(IOException.class)
        .hasMessage("cannot connect to unix://" + socket + ": the socket does not exist");
  }

  @Test
  void aSocketNobodyListensOnIsRefusedNamingTheEndpoint() throws IOException {
    Path socket = dir.resolve("stale.sock");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
    }
    assertThat(Files.exists(socket)).isTrue();

    assertThatThrownBy(() -> new UnixSocketConnector(socket).open())
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("cannot connect to unix://" + socket + ": ")
        .hasMessageContaining("refused");
  }

  private static void echoOnce(ServerSocketChannel server) {
    try (SocketChannel client = server.accept()) {
      ByteBuffer buffer = ByteBuffer.allocate(5);
      while (buffer.hasRemaining() && client.read(buffer) >= 0) {
        // Reads until the five bytes are in.
      }
      buffer.flip();
      client.write(buffer);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static byte[] readFive(ByteStream stream) {
    try {
      return stream.input().readNBytes(5);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
