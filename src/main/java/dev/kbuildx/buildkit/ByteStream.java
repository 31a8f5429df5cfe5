package dev.kbuildx.buildkit;

import java.io.Closeable;
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
}
