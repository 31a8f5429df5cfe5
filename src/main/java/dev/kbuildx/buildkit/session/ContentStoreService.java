package dev.kbuildx.buildkit.session;

import com.google.protobuf.Empty;
import com.google.protobuf.Timestamp;
import dev.kbuildx.buildkit.proto.content.AbortRequest;
import dev.kbuildx.buildkit.proto.content.ContentGrpc;
import dev.kbuildx.buildkit.proto.content.Info;
import dev.kbuildx.buildkit.proto.content.InfoRequest;
import dev.kbuildx.buildkit.proto.content.InfoResponse;
import dev.kbuildx.buildkit.proto.content.ReadContentRequest;
import dev.kbuildx.buildkit.proto.content.ReadContentResponse;
import dev.kbuildx.buildkit.proto.content.StatusRequest;
import dev.kbuildx.buildkit.proto.content.StatusResponse;
import dev.kbuildx.buildkit.proto.content.UpdateRequest;
import dev.kbuildx.buildkit.proto.content.UpdateResponse;
import dev.kbuildx.buildkit.proto.content.WriteContentRequest;
import dev.kbuildx.buildkit.proto.content.WriteContentResponse;
import io.grpc.BindableService;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * containerd's {@code Content} service over OCI layout directories on this machine: BuildKit reads
 * an imported local cache and writes an exported one through it. Each call names
 * its store in the {@code buildkit-attachable-store-id} header; a local cache's store id is
 * {@code local:} followed by the directory exactly as the cache attribute ({@code src} or
 * {@code dest}) carries it.
 */
public final class ContentStoreService implements BindableService, ContentGrpc.AsyncService {
  static final String STORE_ID_HEADER = "buildkit-attachable-store-id";
  private static final String LOCAL_CACHE_PREFIX = "local:";

  private final Map<String, OciLayoutStore> stores = new LinkedHashMap<>();

  /** @param directories the OCI layout directory of each store, by store id */
  public ContentStoreService(Map<String, Path> directories) {
    directories.forEach((id, directory) -> stores.put(id, new OciLayoutStore(directory)));
  }

  /** The store id under which BuildKit asks for the local cache in {@code directory}. */
  public static String localCacheStoreId(Path directory) {
    return LOCAL_CACHE_PREFIX + directory;
  }

  @Override
  public ServerServiceDefinition bindService() {
    return ServerInterceptors.intercept(ContentGrpc.bindService(this), CallMetadata.INTERCEPTOR);
  }

  @Override
  public void info(InfoRequest request, StreamObserver<InfoResponse> responseObserver) {
    try {
      OciLayoutStore store = chooseStore();
      BlobDigest digest = digest(request.getDigest());
      responseObserver.onNext(InfoResponse.newBuilder().setInfo(info(store, digest)).build());
      responseObserver.onCompleted();
    } catch (StatusException e) {
      responseObserver.onError(e);
    }
  }

  @Override
  public void update(UpdateRequest request, StreamObserver<UpdateResponse> responseObserver) {
    try {
      OciLayoutStore store = chooseStore();
      BlobDigest digest = digest(request.getInfo().getDigest());
      info(store, digest);
      store.setLabels(digest, LabelUpdate.apply(store.labels(digest), request.getInfo().getLabelsMap(),
          request.getUpdateMask().getPathsList()));
      responseObserver.onNext(UpdateResponse.newBuilder().setInfo(info(store, digest)).build());
      responseObserver.onCompleted();
    } catch (StatusException e) {
      responseObserver.onError(e);
    }
  }

  @Override
  public void read(ReadContentRequest request, StreamObserver<ReadContentResponse> responseObserver) {
    try {
      OciLayoutStore store = chooseStore();
      BlobDigest digest = digest(request.getDigest());
      long size = info(store, digest).getSize();
      long offset = Math.max(0, request.getOffset());
      if (offset > size) {
        throw Status.OUT_OF_RANGE.withDescription("offset " + offset + " is beyond the " + size + " bytes of "
            + digest).asException();
      }
      long length = request.getSize() <= 0 ? size - offset : Math.min(request.getSize(), size - offset);
      BlobChunkPump.start(store.blob(digest), offset, length,
          (ServerCallStreamObserver<ReadContentResponse>) responseObserver);
    } catch (StatusException e) {
      responseObserver.onError(e);
    }
  }

  @Override
  public void status(StatusRequest request, StreamObserver<StatusResponse> responseObserver) {
    try {
      ContentIngest ingest = chooseStore().ingest(request.getRef()).orElseThrow(
          () -> Status.NOT_FOUND.withDescription("no write in progress for ref " + request.getRef()).asException());
      responseObserver.onNext(StatusResponse.newBuilder().setStatus(dev.kbuildx.buildkit.proto.content.Status.newBuilder()
          .setRef(ingest.ref())
          .setStartedAt(timestamp(ingest.startedAt()))
          .setUpdatedAt(timestamp(ingest.updatedAt()))
          .setOffset(ingest.offset())
          .setTotal(ingest.total())
          .setExpected(ingest.expected())).build());
      responseObserver.onCompleted();
    } catch (StatusException e) {
      responseObserver.onError(e);
    }
  }

  @Override
  public StreamObserver<WriteContentRequest> write(StreamObserver<WriteContentResponse> responseObserver) {
    try {
      return new BlobWriter(chooseStore(), responseObserver);
    } catch (StatusException e) {
      responseObserver.onError(e);
      return new DiscardingObserver<>();
    }
  }

  @Override
  public void abort(AbortRequest request, StreamObserver<Empty> responseObserver) {
    try {
      OciLayoutStore store = chooseStore();
      ContentIngest ingest = store.ingest(request.getRef()).orElseThrow(
          () -> Status.NOT_FOUND.withDescription("no write in progress for ref " + request.getRef()).asException());
      store.endIngest(ingest);
      responseObserver.onNext(Empty.getDefaultInstance());
      responseObserver.onCompleted();
    } catch (StatusException e) {
      responseObserver.onError(e);
    }
  }

  private OciLayoutStore chooseStore() throws StatusException {
    String id = CallMetadata.current().get(CallMetadata.key(STORE_ID_HEADER));
    if (id == null) {
      throw Status.INVALID_ARGUMENT.withDescription("the call names no content store (header " + STORE_ID_HEADER + ")")
          .asException();
    }
    OciLayoutStore store = stores.get(id);
    if (store == null) {
      throw Status.NOT_FOUND.withDescription("unknown content store " + id).asException();
    }
    return store;
  }

  static BlobDigest digest(String value) throws StatusException {
    try {
      return BlobDigest.parse(value);
    } catch (IllegalArgumentException e) {
      throw Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asException();
    }
  }

  private static Info info(OciLayoutStore store, BlobDigest digest) throws StatusException {
    BasicFileAttributes attributes;
    try {
      attributes = store.attributes(digest).orElseThrow(
          () -> Status.NOT_FOUND.withDescription("content " + digest + " not found").asException());
    } catch (IOException e) {
      throw Status.INTERNAL.withDescription("cannot read " + digest + ": " + IoErrors.describe(e)).asException();
    }
    return Info.newBuilder()
        .setDigest(digest.toString())
        .setSize(attributes.size())
        .setCreatedAt(timestamp(attributes.creationTime()))
        .setUpdatedAt(timestamp(attributes.lastModifiedTime()))
        .putAllLabels(store.labels(digest))
        .build();
  }

  private static Timestamp timestamp(FileTime time) {
    return timestamp(time.toInstant());
  }

  static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
  }
}
