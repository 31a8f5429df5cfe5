package dev.kbuildx.transport;

import java.io.IOException;

/**
 * Opens byte streams to one daemon endpoint; a gRPC channel calls it once per connection it
 * makes. Implementations exist for {@code tcp://}, {@code unix://}, the Docker Engine and pods.
 */
public interface ByteStreamConnector {
  /** Opens a new stream; the message of a failure names {@link #endpoint()} and the cause. */
  ByteStream open() throws IOException;

  /** The endpoint as users know it, for messages, e.g. {@code tcp://host:1234} or the pod name. */
  String endpoint();
}
