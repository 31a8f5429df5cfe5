package dev.kbuildx.engine;

import dev.kbuildx.transport.ChunkInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The body of an answer as a blocking stream: the event loop adds chunks as they arrive, the
 * calling thread reads them. No flow control: the engine's answers to the calls made here are
 * progress messages, not bulk data.
 */
final class AnswerBody extends ChunkInputStream {
  private static final byte[] END = new byte[0];

  private final BlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
  /** Set on the event loop only; once the end is queued nothing else is. */
  private boolean finished;
  private volatile IOException failure;
  private byte[] current = new byte[0];
  private int position;
  private boolean ended;

  void add(byte[] chunk) {
    if (!finished && chunk.length > 0) {
      chunks.add(chunk);
    }
  }

  void end() {
    if (!finished) {
      finished = true;
      chunks.add(END);
    }
  }

  void fail(IOException error) {
    if (!finished) {
      failure = error;
      end();
    }
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    while (position == current.length) {
      if (ended) {
        return endOfStream();
      }
      current = take();
      position = 0;
      if (current == END) {
        ended = true;
      }
    }
    int count = Math.min(length, current.length - position);
    System.arraycopy(current, position, buffer, offset, count);
    position += count;
    return count;
  }

  private int endOfStream() throws IOException {
    IOException error = failure;
    if (error != null) {
      throw new IOException(error.getMessage(), error);
    }
    return -1;
  }

  private byte[] take() throws InterruptedIOException {
    try {
      return chunks.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading the engine's answer");
    }
  }
}
