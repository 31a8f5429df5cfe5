package dev.kbuildx.buildkit.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.FieldMask;
import dev.kbuildx.buildkit.proto.content.AbortRequest;
import dev.kbuildx.buildkit.proto.content.ContentGrpc;
import dev.kbuildx.buildkit.proto.content.Info;
import dev.kbuildx.buildkit.proto.content.InfoRequest;
import dev.kbuildx.buildkit.proto.content.ReadContentRequest;
import dev.kbuildx.buildkit.proto.content.ReadContentResponse;
import dev.kbuildx.buildkit.proto.content.StatusRequest;
import dev.kbuildx.buildkit.proto.content.UpdateRequest;
import dev.kbuildx.buildkit.proto.content.WriteAction;
import dev.kbuildx.buildkit.proto.content.WriteContentRequest;
import dev.kbuildx.buildkit.proto.content.WriteContentResponse;
import io.grpc.ClientInterceptor;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentStoreServiceTest {
  @TempDir Path dir;
  private Path cache;
  private LocalGrpcServer server;

  @BeforeEach
  void start() throws IOException {
    cache = dir.resolve("cache");
    server = new LocalGrpcServer(new ContentStoreService(Map.of(ContentStoreService.localCacheStoreId(cache), cache)));
  }

  @AfterEach
  void stop() throws InterruptedException {
    server.stop();
  }

  @Test
  void aBlobWrittenInChunksIsVerifiedAndStoredInTheOciLayout() throws Exception {
    byte[] data = randomBytes(300_000);
    String digest = sha256(data);
    Writer writer = new Writer();

    WriteContentResponse stat = writer.send(request(WriteAction.STAT, 0, new byte[0]).setRef("layer-1")
        .setTotal(data.length).setExpected(digest));
    WriteContentResponse first = writer.send(request(WriteAction.WRITE, 0, slice(data, 0, 100_000)));
    WriteContentResponse commit = writer.send(request(WriteAction.COMMIT, 100_000, slice(data, 100_000, data.length))
        .setTotal(data.length).setExpected(digest).putLabels("containerd.io/gc.ref", "x"));
    writer.finish();

    assertThat(stat.getOffset()).isZero();
    assertThat(stat.getTotal()).isEqualTo(data.length);
    assertThat(first.getOffset()).isEqualTo(100_000);
    assertThat(commit.getAction()).isEqualTo(WriteAction.COMMIT);
    assertThat(commit.getOffset()).isEqualTo(data.length);
    assertThat(commit.getDigest()).isEqualTo(digest);
    assertThat(cache.resolve("blobs/sha256/" + digest.substring(7))).hasBinaryContent(data);
    assertThat(cache.resolve("oci-layout")).hasContent("{\"imageLayoutVersion\":\"1.0.0\"}");
    assertThat(files(cache)).containsExactlyInAnyOrder("oci-layout", "blobs/sha256/" + digest.substring(7));
    Info info = store(cache).info(InfoRequest.newBuilder().setDigest(digest).build()).getInfo();
    assertThat(info.getSize()).isEqualTo(data.length);
    assertThat(info.getDigest()).isEqualTo(digest);
    assertThat(info.getLabelsMap()).containsEntry("containerd.io/gc.ref", "x");
  }

  @Test
  void aCommitWithTheWrongDigestOrSizeFailsAndLeavesNothing() throws Exception {
    byte[] data = randomBytes(1000);
    Writer wrongDigest = new Writer();
    wrongDigest.send(request(WriteAction.WRITE, 0, data).setRef("a").setExpected(sha256(new byte[] {1})));
    assertThatThrownBy(() -> wrongDigest.send(request(WriteAction.COMMIT, data.length, new byte[0])))
        .satisfies(error -> assertThat(Status.fromThrowable(error).getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION))
        .hasMessageContaining("unexpected commit digest " + sha256(data));
    Writer wrongSize = new Writer();
    wrongSize.send(request(WriteAction.WRITE, 0, data).setRef("b").setTotal(data.length + 1));
    assertThatThrownBy(() -> wrongSize.send(request(WriteAction.COMMIT, data.length, new byte[0])))
        .hasMessageContaining("unexpected commit size 1000, expected 1001");

    assertThat(files(cache)).isEmpty();
  }

  @Test
  void writingABlobTheStoreHasAnswersAlreadyExists() throws Exception {
    byte[] data = randomBytes(10);
    Writer first = new Writer();
    first.send(request(WriteAction.COMMIT, 0, data).setRef("a").setExpected(sha256(data)));
    first.finish();

    Writer again = new Writer();
    assertThatThrownBy(() -> again.send(request(WriteAction.STAT, 0, new byte[0]).setRef("a").setExpected(sha256(data))))
        .satisfies(error -> assertThat(Status.fromThrowable(error).getCode()).isEqualTo(Status.Code.ALREADY_EXISTS));
  }

  @Test
  void aWriteAtAnOffsetThatSkipsBytesIsOutOfRangeAndARestartFromZeroIsAllowed() throws Exception {
    byte[] data = randomBytes(100);
    Writer writer = new Writer();
    writer.send(request(WriteAction.WRITE, 0, slice(data, 0, 50)).setRef("a"));
    WriteContentResponse restarted = writer.send(request(WriteAction.WRITE, 0, data));
    assertThat(restarted.getOffset()).isEqualTo(100);
    assertThat(writer.send(request(WriteAction.COMMIT, 100, new byte[0]).setExpected(sha256(data))).getDigest())
        .isEqualTo(sha256(data));

    Writer skipping = new Writer();
    skipping.send(request(WriteAction.WRITE, 0, slice(data, 0, 10)).setRef("b"));
    assertThatThrownBy(() -> skipping.send(request(WriteAction.WRITE, 20, slice(data, 20, 30))))
        .satisfies(error -> assertThat(Status.fromThrowable(error).getCode()).isEqualTo(Status.Code.OUT_OF_RANGE));
  }

  @Test
  void statusShowsAWriteInFlightAndAbortDropsIt() throws Exception {
    ContentGrpc.ContentBlockingStub store = store(cache);
    Writer writer = new Writer();
    writer.send(request(WriteAction.WRITE, 0, new byte[42]).setRef("in-flight").setTotal(100));

    dev.kbuildx.buildkit.proto.content.Status status =
        store.status(StatusRequest.newBuilder().setRef("in-flight").build()).getStatus();
    assertThat(status.getOffset()).isEqualTo(42);
    assertThat(status.getTotal()).isEqualTo(100);
    assertThat(new Writer().sendExpectingError(request(WriteAction.STAT, 0, new byte[0]).setRef("in-flight")))
        .isEqualTo(Status.Code.UNAVAILABLE);

    store.abort(AbortRequest.newBuilder().setRef("in-flight").build());

    assertThat(code(() -> store.status(StatusRequest.newBuilder().setRef("in-flight").build())))
        .isEqualTo(Status.Code.NOT_FOUND);
    assertThat(files(cache)).isEmpty();
  }

  @Test
  void readsWholeBlobsInChunksAndRanges() throws Exception {
    byte[] data = randomBytes(BlobChunkPump.CHUNK_SIZE * 2 + 12345);
    String digest = commit(data);
    ContentGrpc.ContentBlockingStub store = store(cache);

    List<ReadContentResponse> whole = new ArrayList<>();
    store.read(ReadContentRequest.newBuilder().setDigest(digest).build()).forEachRemaining(whole::add);
    List<ReadContentResponse> range = new ArrayList<>();
    store.read(ReadContentRequest.newBuilder().setDigest(digest).setOffset(1000).setSize(20).build())
        .forEachRemaining(range::add);

    assertThat(whole).hasSize(3);
    assertThat(whole).extracting(ReadContentResponse::getOffset)
        .containsExactly(0L, (long) BlobChunkPump.CHUNK_SIZE, 2L * BlobChunkPump.CHUNK_SIZE);
    assertThat(concat(whole)).isEqualTo(data);
    assertThat(range).hasSize(1);
    assertThat(range.get(0).getOffset()).isEqualTo(1000);
    assertThat(concat(range)).isEqualTo(slice(data, 1000, 1020));
    Iterator<ReadContentResponse> beyond = store.read(
        ReadContentRequest.newBuilder().setDigest(digest).setOffset(data.length + 1).build());
    assertThat(code(beyond::next)).isEqualTo(Status.Code.OUT_OF_RANGE);
  }

  @Test
  void updateChangesOnlyTheNamedLabels() throws Exception {
    String digest = commit(randomBytes(5));
    ContentGrpc.ContentBlockingStub store = store(cache);
    store.update(UpdateRequest.newBuilder().setInfo(Info.newBuilder().setDigest(digest)
        .putLabels("a", "1").putLabels("b", "2")).build());

    Info updated = store.update(UpdateRequest.newBuilder()
        .setInfo(Info.newBuilder().setDigest(digest).putLabels("b", "3").putLabels("c", "ignored"))
        .setUpdateMask(FieldMask.newBuilder().addPaths("labels.b").addPaths("labels.a")).build()).getInfo();

    assertThat(updated.getLabelsMap()).containsExactly(Map.entry("b", "3"));
    assertThat(code(() -> store.update(UpdateRequest.newBuilder().setInfo(Info.newBuilder().setDigest(digest))
        .setUpdateMask(FieldMask.newBuilder().addPaths("size")).build()))).isEqualTo(Status.Code.INVALID_ARGUMENT);
  }

  @Test
  void unknownBlobsStoresAndMalformedDigestsAreRefused() {
    String missing = "sha256:" + "0".repeat(64);
    assertThat(code(() -> store(cache).info(InfoRequest.newBuilder().setDigest(missing).build())))
        .isEqualTo(Status.Code.NOT_FOUND);
    assertThat(code(() -> store(dir.resolve("other")).info(InfoRequest.newBuilder().setDigest(missing).build())))
        .isEqualTo(Status.Code.NOT_FOUND);
    assertThat(code(() -> ContentGrpc.newBlockingStub(server.channel())
        .info(InfoRequest.newBuilder().setDigest(missing).build()))).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(code(() -> store(cache).info(InfoRequest.newBuilder().setDigest("sha256:../../etc").build())))
        .isEqualTo(Status.Code.INVALID_ARGUMENT);
  }

  private String commit(byte[] data) throws Exception {
    Writer writer = new Writer();
    String digest = writer.send(request(WriteAction.COMMIT, 0, data).setRef("r" + data.length)).getDigest();
    writer.finish();
    return digest;
  }

  private ContentGrpc.ContentBlockingStub store(Path directory) {
    return ContentGrpc.newBlockingStub(server.channel()).withInterceptors(storeHeader(directory));
  }

  private static ClientInterceptor storeHeader(Path directory) {
    Metadata headers = new Metadata();
    headers.put(CallMetadata.key(ContentStoreService.STORE_ID_HEADER), ContentStoreService.localCacheStoreId(directory));
    return MetadataUtils.newAttachHeadersInterceptor(headers);
  }

  private static WriteContentRequest.Builder request(WriteAction action, long offset, byte[] data) {
    return WriteContentRequest.newBuilder().setAction(action).setOffset(offset).setData(ByteString.copyFrom(data));
  }

  private static Status.Code code(Runnable call) {
    try {
      call.run();
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode();
    }
    throw new AssertionError("the call succeeded");
  }

  private static byte[] randomBytes(int size) {
    byte[] data = new byte[size];
    new Random(size).nextBytes(data);
    return data;
  }

  private static byte[] slice(byte[] data, int from, int to) {
    return Arrays.copyOfRange(data, from, to);
  }

  private static byte[] concat(List<ReadContentResponse> chunks) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    chunks.forEach(chunk -> out.writeBytes(chunk.getData().toByteArray()));
    return out.toByteArray();
  }

  private static String sha256(byte[] data) throws NoSuchAlgorithmException {
    return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }

  /** Files below {@code root}, hidden temporary ones included. */
  private static List<String> files(Path root) throws IOException {
    if (!Files.exists(root)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).map(path -> root.relativize(path).toString()).toList();
    }
  }

  /** The daemon's side of one Write call: a request, then the answer to it. */
  private final class Writer {
    private final BlockingQueue<Object> answers = new LinkedBlockingQueue<>();
    private final StreamObserver<WriteContentRequest> requests;

    Writer() {
      requests = ContentGrpc.newStub(server.channel()).withInterceptors(storeHeader(cache))
          .write(new StreamObserver<>() {
            @Override
            public void onNext(WriteContentResponse value) {
              answers.add(value);
            }

            @Override
            public void onError(Throwable t) {
              answers.add(t);
            }

            @Override
            public void onCompleted() {
              answers.add("completed");
            }
          });
    }

    WriteContentResponse send(WriteContentRequest.Builder request) throws Exception {
      requests.onNext(request.build());
      Object answer = answers.poll(10, TimeUnit.SECONDS);
      if (answer instanceof Throwable error) {
        throw (Exception) error;
      }
      return (WriteContentResponse) answer;
    }

    Status.Code sendExpectingError(WriteContentRequest.Builder request) {
      try {
        send(request);
      } catch (Exception e) {
        return Status.fromThrowable(e).getCode();
      }
      throw new AssertionError("the write succeeded");
    }

    void finish() throws InterruptedException {
      requests.onCompleted();
      assertThat(answers.poll(10, TimeUnit.SECONDS)).isEqualTo("completed");
    }
  }
}
