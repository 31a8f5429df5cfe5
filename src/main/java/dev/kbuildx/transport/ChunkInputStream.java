package dev.kbuildx.transport;

import java.io.IOException;
import java.io.InputStream;

/**
 * An input stream that only knows how to read chunks. The single-byte read goes through the chunk
 * read too, so that whatever the chunk read checks or translates also holds for it.
 */
public abstract class ChunkInputStream extends InputStream {
  @Override
  public final int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public abstract int read(byte[] bytes, int offset, int length) throws IOException;
}
