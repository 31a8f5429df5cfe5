package dev.kbuildx.buildkit.session;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.io.IOException;

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

  /**
   * Tells the daemon that the export cannot start, and takes whatever it still sends.
   *
   * @param destination what could not be created, such as {@code the export directory}
   */
  static StreamObserver<byte[]> refused(String destination, IOException cause, StreamObserver<byte[]> responses) {
    responses.onError(Status.UNKNOWN.withDescription("failed to create " + destination + ": "
        + IoErrors.describe(cause)).asRuntimeException());
    return new DiscardingObserver<>();
  }

  /** Writes one message of the daemon's. */
  protected abstract void receive(byte[] message) throws IOException;

  /** Where the export goes, for messages. */
  protected abstract String destination();

  /** Removes what was partly written; the export it belongs to has failed. */
  protected abstract void discard();

  @Override
  public final void onNext(byte[] message) {
    if (finished) {
      return;
    }
    try {
      receive(message);
    } catch (InvalidProtocolBufferException e) {
      fail("the daemon sent an unreadable message: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      fail(e.getMessage());
    } catch (IOException e) {
      fail("failed to write the export to " + destination() + ": " + IoErrors.describe(e));
    }
  }

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
