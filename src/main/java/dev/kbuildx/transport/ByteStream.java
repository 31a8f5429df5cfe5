package dev.kbuildx.transport;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A full-duplex byte stream that ends at buildkitd's gRPC server: a socket, an HTTP connection
 * upgraded to h2c, or the stdin/stdout of {@code buildctl dial-stdio} in a pod. gRPC runs over it
 * unchanged (HTTP/2 cleartext with prior knowledge).
 */
public interface ByteStream extends Closeable {
  /** Bytes from the daemon. */
  InputStream input();

  /** Bytes to the daemon. */
  OutputStream output();

  /** A stream over the two halves of a connection, closed by closing {@code connection}. */
  static ByteStream of(InputStream input, OutputStream output, Closeable connection) {
    return new ByteStream() {
      @Override
      public InputStream input() {
        return input;
      }

      @Override
      public OutputStream output() {
        return output;
      }

      @Override
      public void close() throws IOException {
        connection.close();
      }
    };
  }
}
