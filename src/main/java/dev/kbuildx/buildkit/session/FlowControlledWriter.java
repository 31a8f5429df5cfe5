package dev.kbuildx.buildkit.session;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * The one writer of a server stream, shared by several threads. {@link #send} waits while gRPC's
 * outbound buffer is full, so a large upload streams at network speed instead of piling up in
 * memory; messages are never interleaved because all writes hold this object's lock.
 */
final class FlowControlledWriter<T> {
  private final ServerCallStreamObserver<T> out;
  private boolean closed;

  FlowControlledWriter(ServerCallStreamObserver<T> out) {
    this.out = out;
    out.setOnReadyHandler(this::wakeUp);
  }

  /**
   * Sends once the stream can take more.
   *
   * @throws ClosedException if the call ended (completed, failed or cancelled) before
   */
  synchronized void send(T message) throws IOException {
    while (!closed && !out.isReady()) {
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for the daemon to read");
      }
    }
    if (closed) {
      throw new ClosedException();
    }
    out.onNext(message);
  }

  /** Sends without waiting, for the few short packets written from gRPC's own threads. */
  synchronized void sendNow(T message) {
    if (!closed) {
      out.onNext(message);
    }
  }

  synchronized void complete() {
    if (!closed) {
      closed = true;
      out.onCompleted();
      notifyAll();
    }
  }

  synchronized void fail(Status status) {
    if (!closed) {
      closed = true;
      out.onError(status.asRuntimeException());
      notifyAll();
    }
  }

  /** For a call the peer ended: nothing may be written any more. */
  synchronized void abandon() {
    closed = true;
    notifyAll();
  }

  synchronized boolean isClosed() {
    return closed;
  }

  private synchronized void wakeUp() {
    notifyAll();
  }

  /** The call ended while a thread still had something to send. */
  static final class ClosedException extends IOException {
    private static final long serialVersionUID = 1L;

    ClosedException() {
      super("the transfer has ended");
    }
  }
}
