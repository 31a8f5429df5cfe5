package dev.kbuildx.buildkit.session;

import dev.kbuildx.buildkit.proto.content.WriteAction;
import dev.kbuildx.buildkit.proto.content.WriteContentRequest;
import dev.kbuildx.buildkit.proto.content.WriteContentResponse;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.Map;

/**
 * One {@code Content/Write} call: the first message names the ref (and usually the expected digest
 * and size); {@code WRITE} messages append data, {@code STAT} reports progress and {@code COMMIT}
 * verifies size and digest, then renames the blob into place. The call ends when the daemon
 * half-closes; a write never committed leaves nothing behind.
 */
final class BlobWriter implements StreamObserver<WriteContentRequest> {
  private final OciLayoutStore store;
  private final StreamObserver<WriteContentResponse> out;
  private ContentIngest ingest;
  private Map<String, String> labels = Map.of();
  private boolean committed;
  private boolean failed;

  BlobWriter(OciLayoutStore store, StreamObserver<WriteContentResponse> out) {
    this.store = store;
    this.out = out;
  }

  @Override
  public void onNext(WriteContentRequest request) {
    if (failed) {
      return;
    }
    try {
      out.onNext(handle(request));
    } catch (StatusException e) {
      fail(e);
    } catch (ContentIngest.OffsetException e) {
      fail(Status.OUT_OF_RANGE.withDescription(e.getMessage()).asException());
    } catch (IOException e) {
      fail(Status.INTERNAL.withDescription("cannot write " + describeRef() + ": " + IoErrors.describe(e)).asException());
    }
  }

  @Override
  public void onError(Throwable error) {
    release();
  }

  @Override
  public void onCompleted() {
    release();
    if (!failed) {
      out.onCompleted();
    }
  }

  private WriteContentResponse handle(WriteContentRequest request) throws StatusException, IOException {
    if (committed) {
      throw Status.FAILED_PRECONDITION.withDescription(describeRef() + " is already committed").asException();
    }
    if (ingest == null) {
      ingest = start(request);
    }
    ingest.announce(request.getTotal(), request.getExpected());
    if (!request.getLabelsMap().isEmpty()) {
      labels = request.getLabelsMap();
    }
    if (!request.getData().isEmpty()) {
      ingest.write(request.getOffset(), request.getData().asReadOnlyByteBuffer());
    }
    WriteContentResponse.Builder response = WriteContentResponse.newBuilder()
        .setAction(request.getAction())
        .setStartedAt(ContentStoreService.timestamp(ingest.startedAt()))
        .setUpdatedAt(ContentStoreService.timestamp(ingest.updatedAt()))
        .setOffset(ingest.offset())
        .setTotal(ingest.total());
    if (request.getAction() == WriteAction.COMMIT) {
      response.setDigest(commit().toString());
    }
    return response.build();
  }

  private ContentIngest start(WriteContentRequest request) throws StatusException, IOException {
    String ref = request.getRef();
    if (ref.isEmpty()) {
      throw Status.INVALID_ARGUMENT.withDescription("the first write message names no ref").asException();
    }
    if (!request.getExpected().isEmpty()) {
      BlobDigest expected = ContentStoreService.digest(request.getExpected());
      if (store.attributes(expected).isPresent()) {
        throw Status.ALREADY_EXISTS.withDescription("content " + expected + " already exists").asException();
      }
    }
    return store.startIngest(ref).orElseThrow(
        () -> Status.UNAVAILABLE.withDescription("ref " + ref + " is locked by another write").asException());
  }

  private BlobDigest commit() throws StatusException, IOException {
    if (ingest.total() > 0 && ingest.offset() != ingest.total()) {
      throw Status.FAILED_PRECONDITION.withDescription("unexpected commit size " + ingest.offset() + ", expected "
          + ingest.total()).asException();
    }
    BlobDigest expected = ingest.expected().isEmpty() ? null : ContentStoreService.digest(ingest.expected());
    BlobDigest actual = ingest.finish(expected);
    if (expected != null && !expected.equals(actual)) {
      throw Status.FAILED_PRECONDITION.withDescription("unexpected commit digest " + actual + ", expected "
          + expected).asException();
    }
    store.commit(ingest.file(), actual);
    if (!labels.isEmpty()) {
      store.setLabels(actual, labels);
    }
    committed = true;
    release();
    return actual;
  }

  private void fail(StatusException error) {
    failed = true;
    release();
    out.onError(error);
  }

  private void release() {
    if (ingest != null) {
      store.endIngest(ingest);
    }
  }

  private String describeRef() {
    return ingest == null ? "the blob" : "ref " + ingest.ref();
  }
}
