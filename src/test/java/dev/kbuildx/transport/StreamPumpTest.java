package dev.kbuildx.transport;

import java.time.Duration;
import dev.kbuildx.Await;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.security.MessageDigest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pump between a local channel and a byte stream, with a stream slower than the channel. */
class StreamPumpTest {
  private static final int TOTAL = 16 * 1024 * 1024;

  private Channel listener;
  private Channel client;

  @AfterEach
  void close() {
    if (client != null) {
      client.close().syncUninterruptibly();
    }
    if (listener != null) {
      listener.close().syncUninterruptibly();
    }
  }

  @Test
  void aSlowStreamStopsTheChannelFromReadingAndGetsEveryByteInOrder() throws Exception {
    SlowSink sink = new SlowSink();
    CompletableFuture<StreamPump> pump = new CompletableFuture<>();
    CompletableFuture<String> streamEnd = new CompletableFuture<>();
    connect(sink, pump, streamEnd);
    AtomicLong largestQueue = new AtomicLong();
    CompletableFuture<Void> sampler = CompletableFuture.runAsync(() -> {
      while (!sink.closed.isDone()) {
        largestQueue.accumulateAndGet(pump.join().queuedBytes(), Math::max);
        Thread.onSpinWait();
      }
    });

    MessageDigest sent = BulkService.sha256();
    for (int offset = 0; offset < TOTAL; offset += StreamPump.CHUNK_SIZE) {
      byte[] chunk = BulkService.chunk(offset, StreamPump.CHUNK_SIZE);
      sent.update(chunk);
      client.writeAndFlush(Unpooled.wrappedBuffer(chunk)).syncUninterruptibly();
    }
    Await.until("the slow stream receives every byte", Duration.ofSeconds(60), () -> sink.received() >= TOTAL);
    // Closing the channel is what ends the stream: unread bytes of a closed local channel are dropped.
    client.close().syncUninterruptibly();

    sink.closed.get(10, TimeUnit.SECONDS);
    sampler.get(10, TimeUnit.SECONDS);
    assertThat(sink.received()).isEqualTo(TOTAL);
    assertThat(sink.digest.digest()).isEqualTo(sent.digest());
    // A read batch can still arrive after reading is switched off, so allow one batch of chunks above the mark.
    assertThat(largestQueue.get()).isBetween((long) StreamPump.HIGH_WATER_MARK, StreamPump.HIGH_WATER_MARK + 16L * StreamPump.CHUNK_SIZE);
    assertThat(streamEnd).isNotDone();
  }

  @Test
  void theFarEndClosingTheStreamClosesTheChannelAndIsReported() throws Exception {
    SlowSink sink = new SlowSink();
    CompletableFuture<String> streamEnd = new CompletableFuture<>();
    connect(sink, new CompletableFuture<>(), streamEnd);

    sink.farEnd.close();

    assertThat(streamEnd.get(10, TimeUnit.SECONDS)).isEqualTo("test-daemon closed the connection");
    assertThat(client.closeFuture().await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(sink.closed.get(10, TimeUnit.SECONDS)).isNull();
  }

  private void connect(SlowSink sink, CompletableFuture<StreamPump> pump, CompletableFuture<String> streamEnd) {
    LocalAddress address = LocalTransport.newAddress("pump-test");
    listener = new ServerBootstrap()
        .group(LocalTransport.eventLoops())
        .channel(LocalServerChannel.class)
        .childOption(ChannelOption.AUTO_READ, false)
        .childHandler(new ChannelInitializer<LocalChannel>() {
          @Override
          protected void initChannel(LocalChannel channel) {
            channel.eventLoop().execute(() ->
                pump.complete(StreamPump.attach(channel, sink, "test-daemon", streamEnd::complete, bytes -> { })));
          }
        })
        .bind(address).syncUninterruptibly().channel();
    client = new Bootstrap()
        .group(LocalTransport.eventLoops())
        .channel(LocalChannel.class)
        .handler(new ChannelInboundHandlerAdapter())
        .connect(address).syncUninterruptibly().channel();
  }

  /** A stream whose writes take a millisecond each and whose input ends when the far end closes. */
  private static final class SlowSink implements ByteStream {
    final MessageDigest digest = BulkService.sha256();
    final CompletableFuture<Void> closed = new CompletableFuture<>();
    final PipedOutputStream farEnd = new PipedOutputStream();
    final InputStream input;
    private final AtomicLong received = new AtomicLong();

    SlowSink() {
      try {
        input = new PipedInputStream(farEnd);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    long received() {
      return received.get();
    }

    @Override
    public InputStream input() {
      return input;
    }

    @Override
    public OutputStream output() {
      return new OutputStream() {
        @Override
        public void write(int b) {
          write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
          try {
            // The slowness is the point: it makes the pump queue bytes and stop reading.
            Thread.sleep(1);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          digest.update(bytes, offset, length);
          received.addAndGet(length);
        }
      };
    }

    @Override
    public void close() throws IOException {
      farEnd.close();
      closed.complete(null);
    }
  }
}
