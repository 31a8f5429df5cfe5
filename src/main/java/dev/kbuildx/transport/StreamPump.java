package dev.kbuildx.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Copies bytes both ways between a Netty channel and a {@link ByteStream}, and closes both as soon
 * as either side ends. Each direction holds little in memory: a chunk read from the stream is
 * handed on before the next read, and the channel stops reading while more than
 * {@value #HIGH_WATER_MARK} bytes wait to be written to the stream.
 */
final class StreamPump extends ChannelInboundHandlerAdapter {
  static final int CHUNK_SIZE = 64 * 1024;
  static final int HIGH_WATER_MARK = 1024 * 1024;
  static final int LOW_WATER_MARK = 256 * 1024;
  /** Queued after the last chunk when the channel closes: the writer flushes and stops. */
  private static final Object END_OF_CHANNEL = new Object();

  private final ByteStream stream;
  private final String endpoint;
  private final Consumer<String> streamEnded;
  private final Consumer<byte[]> firstRead;
  private final BlockingQueue<Object> toStream = new LinkedBlockingQueue<>();
  private final AtomicLong queuedBytes = new AtomicLong();
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile Channel channel;

  private StreamPump(ByteStream stream, String endpoint, Consumer<String> streamEnded, Consumer<byte[]> firstRead) {
    this.stream = stream;
    this.endpoint = endpoint;
    this.streamEnded = streamEnded;
    this.firstRead = firstRead;
  }

  /**
   * Starts pumping between an active channel and an open stream; the channel's auto-read is
   * switched on.
   *
   * @param endpoint names the far end of the stream in {@code streamEnded}'s descriptions
   * @param streamEnded told once, with a sentence for users, when the stream side ended the pair
   *     (closed by the far end or failed); not told when the channel side closed it
   * @param firstRead told the first chunk read from the stream, which tells what kind of server answered
   */
  static StreamPump attach(Channel channel, ByteStream stream, String endpoint, Consumer<String> streamEnded,
      Consumer<byte[]> firstRead) {
    StreamPump pump = new StreamPump(stream, endpoint, streamEnded, firstRead);
    channel.pipeline().addLast(pump);
    return pump;
  }

  /** Bytes read from the channel that still wait to be written to the stream. */
  long queuedBytes() {
    return queuedBytes.get();
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    channel = ctx.channel();
    if (!channel.isActive()) {
      end(null);
      return;
    }
    LocalTransport.blockingIo().execute(this::copyStreamToChannel);
    LocalTransport.blockingIo().execute(this::copyChannelToStream);
    channel.config().setAutoRead(true);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf bytes = (ByteBuf) msg;
    if (ended.get() || !bytes.isReadable()) {
      bytes.release();
      return;
    }
    // Counted before queuing: the writer may take and read the buffer at once, leaving it empty.
    int size = bytes.readableBytes();
    toStream.add(bytes);
    if (queuedBytes.addAndGet(size) > HIGH_WATER_MARK) {
      ctx.channel().config().setAutoRead(false);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    toStream.add(END_OF_CHANNEL);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    end(null);
  }

  private void copyStreamToChannel() {
    byte[] buffer = new byte[CHUNK_SIZE];
    try {
      InputStream input = stream.input();
      int read;
      boolean first = true;
      while ((read = input.read(buffer)) >= 0) {
        if (read == 0) {
          continue;
        }
        if (first) {
          firstRead.accept(Arrays.copyOf(buffer, read));
          first = false;
        }
        // Waiting for each write bounds what sits between the stream and the channel to one chunk.
        ChannelFuture written = channel.writeAndFlush(Unpooled.copiedBuffer(buffer, 0, read)).awaitUninterruptibly();
        if (!written.isSuccess()) {
          end(null);
          return;
        }
      }
      end(ConnectionFailures.closed(endpoint));
    } catch (IOException | RuntimeException e) {
      end(ConnectionFailures.lost(endpoint, e));
    }
  }

  private void copyChannelToStream() {
    OutputStream output = stream.output();
    while (true) {
      Object next;
      try {
        next = toStream.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        end(null);
        return;
      }
      if (next == END_OF_CHANNEL) {
        // Nothing can follow the channel's end, so every queued buffer has been released by now.
        flushQuietly(output);
        end(null);
        return;
      }
      ByteBuf bytes = (ByteBuf) next;
      try {
        if (!ended.get()) {
          write(output, bytes);
        }
      } catch (IOException | RuntimeException e) {
        end(ConnectionFailures.lost(endpoint, e));
      } finally {
        bytes.release();
      }
    }
  }

  private void write(OutputStream output, ByteBuf bytes) throws IOException {
    int size = bytes.readableBytes();
    bytes.readBytes(output, size);
    if (toStream.isEmpty()) {
      output.flush();
    }
    long left = queuedBytes.addAndGet(-size);
    if (left < LOW_WATER_MARK && left + size >= LOW_WATER_MARK) {
      // Decided on the event loop, which is where reading was switched off.
      channel.eventLoop().execute(this::resumeReadingIfDrained);
    }
  }

  private void resumeReadingIfDrained() {
    if (queuedBytes.get() < LOW_WATER_MARK && !channel.config().isAutoRead()) {
      channel.config().setAutoRead(true);
    }
  }

  private void flushQuietly(OutputStream output) {
    if (ended.get()) {
      return;
    }
    try {
      output.flush();
    } catch (IOException | RuntimeException e) {
      end(ConnectionFailures.lost(endpoint, e));
    }
  }

  /** Closes both sides once; the channel's end then wakes the writer, which releases what is queued. */
  private void end(String streamSideReason) {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    if (streamSideReason != null) {
      streamEnded.accept(streamSideReason);
    }
    try {
      stream.close();
    } catch (IOException | RuntimeException e) {
      // The stream is finished with either way; a failing close changes nothing for the caller.
    }
    channel.close();
  }
}
