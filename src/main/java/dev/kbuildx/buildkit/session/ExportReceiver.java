package dev.kbuildx.buildkit.session;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;

/**
 * What the receivers of an export share: once finished, they take nothing more, and a failure
 * removes what was partly written before the daemon is told.
 */
abstract class ExportReceiver implements StreamObserver<byte[]> {
  protected final StreamObserver<byte[]> responses;
  private boolean finished;

  ExportReceiver(StreamObserver<byte[]> responses) {
    this.responses = responses;
  }

  /** Removes what was partly written; the export it belongs to has failed. */
  protected abstract void discard();

  protected final boolean finished() {
    return finished;
  }

  /** Ends the export as it stands: nothing after this call is written. */
  protected final void finish() {
    finished = true;
  }

  /** After our last message the daemon may cancel instead of half-closing; what is complete stays. */
  @Override
  public void onError(Throwable error) {
    if (!finished) {
      finished = true;
      discard();
    }
  }

  protected final void fail(String message) {
    finished = true;
    discard();
    responses.onError(Status.UNKNOWN.withDescription(message).asRuntimeException());
  }
}
