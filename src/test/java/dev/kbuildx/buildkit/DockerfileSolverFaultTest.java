package dev.kbuildx.buildkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.kbuildx.buildkit.proto.control.BytesMessage;
import dev.kbuildx.buildkit.proto.control.ControlGrpc;
import dev.kbuildx.buildkit.proto.control.SolveRequest;
import dev.kbuildx.buildkit.proto.control.SolveResponse;
import dev.kbuildx.buildkit.proto.control.StatusRequest;
import dev.kbuildx.buildkit.proto.control.StatusResponse;
import dev.kbuildx.buildkit.proto.filesync.FileSyncGrpc;
import dev.kbuildx.buildkit.proto.fsutil.Packet;
import dev.kbuildx.buildkit.proto.fsutil.Packet.PacketType;
import dev.kbuildx.progress.CollectingLog;
import dev.kbuildx.registry.CredentialsChain;
import dev.kbuildx.transport.ByteStream;
import dev.kbuildx.transport.ByteStreamConnector;
import dev.kbuildx.transport.ChunkInputStream;
import dev.kbuildx.transport.StreamChannels;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault injection with an in-process fake daemon, for what a real BuildKit cannot be made to do
 * on demand: the daemon aborts the context upload in the middle of a file and fails the solve.
 */
class DockerfileSolverFaultTest {
  private static final String DAEMON_ERROR = "failed to transfer the context: the daemon aborted the upload";
  private static final int BIG_FILE_BYTES = 8 * 1024 * 1024;

  @TempDir Path dir;
  private final AbortingControl control = new AbortingControl();
  private FakeDaemon daemon;

  @AfterEach
  void stop() throws InterruptedException {
    control.closeSessionChannel();
    if (daemon != null) {
      daemon.close();
    }
  }

  @Test
  void aDaemonThatAbortsTheUploadMidFileFailsTheBuildPromptlyWithItsError() throws IOException {
    Path context = dir.resolve("context");
    Files.createDirectories(context);
    Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY . /\n");
    Files.write(context.resolve("big.bin"), new byte[BIG_FILE_BYTES]);
    DockerfileSolver solver = new DockerfileSolver(fakeDaemon(), DaemonFeatures.buildkitd("v0.12.5"),
        new CredentialsChain(List.of()), new CollectingLog());
    DockerfileBuild build = DockerfileBuild.builder(context).build();

    long start = System.nanoTime();
    assertThatThrownBy(() -> solver.solve(build, ""))
        .isInstanceOf(BuildFailedException.class)
        .hasMessageContaining(DAEMON_ERROR);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    assertThat(control.receivedFileBytes.get()).isPositive().isLessThan(BIG_FILE_BYTES);
  }

  private ManagedChannel fakeDaemon() throws IOException {
    daemon = FakeDaemon.serving(control);
    return daemon.channel();
  }

  /**
   * A daemon that, like BuildKit, dials back into the client's session to pull the context, asks
   * for {@code big.bin}, then cancels the transfer after its first chunk and fails the solve.
   */
  private static final class AbortingControl extends ControlGrpc.ControlImplBase {
    final AtomicLong receivedFileBytes = new AtomicLong();
    private final CompletableFuture<ManagedChannel> sessionChannel = new CompletableFuture<>();

    @Override
    public StreamObserver<BytesMessage> session(StreamObserver<BytesMessage> responses) {
      SessionPipe pipe = new SessionPipe(responses);
      sessionChannel.complete(StreamChannels.open(pipe));
      return pipe;
    }

    @Override
    public void status(StatusRequest request, StreamObserver<StatusResponse> responses) {
      responses.onCompleted();
    }

    @Override
    public void solve(SolveRequest request, StreamObserver<SolveResponse> responses) {
      try {
        ManagedChannel session = sessionChannel.get(10, TimeUnit.SECONDS);
        AbortAfterFirstChunk receiver = new AbortAfterFirstChunk(receivedFileBytes);
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("dir-name", Metadata.ASCII_STRING_MARSHALLER), "context");
        FileSyncGrpc.newStub(session).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
            .diffCopy(receiver);
        if (!receiver.aborted.await(10, TimeUnit.SECONDS)) {
          responses.onError(Status.DEADLINE_EXCEEDED.withDescription("no file data arrived").asRuntimeException());
          return;
        }
        responses.onError(Status.UNKNOWN.withDescription(DAEMON_ERROR).asRuntimeException());
      } catch (Exception e) {
        responses.onError(Status.INTERNAL.withDescription("fake daemon: " + e).asRuntimeException());
      }
    }

    void closeSessionChannel() throws InterruptedException {
      ManagedChannel session = sessionChannel.getNow(null);
      if (session != null) {
        session.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
      }
    }
  }

  /** The receiving end of DiffCopy: requests {@code big.bin} and cancels once some of it arrived. */
  private static final class AbortAfterFirstChunk implements ClientResponseObserver<Packet, Packet> {
    final CountDownLatch aborted = new CountDownLatch(1);
    private final AtomicLong receivedFileBytes;
    private ClientCallStreamObserver<Packet> requests;
    private int nextId;

    AbortAfterFirstChunk(AtomicLong receivedFileBytes) {
      this.receivedFileBytes = receivedFileBytes;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<Packet> requestStream) {
      this.requests = requestStream;
    }

    @Override
    public synchronized void onNext(Packet packet) {
      if (packet.getType() == PacketType.PACKET_STAT && packet.hasStat()) {
        int id = nextId++;
        if (packet.getStat().getPath().equals("big.bin")) {
          requests.onNext(Packet.newBuilder().setType(PacketType.PACKET_REQ).setID(id).build());
        }
      } else if (packet.getType() == PacketType.PACKET_DATA && !packet.getData().isEmpty()
          && aborted.getCount() > 0) {
        receivedFileBytes.addAndGet(packet.getData().size());
        requests.cancel("the daemon aborts the upload", null);
        aborted.countDown();
      }
    }

    @Override
    public void onError(Throwable error) {
      aborted.countDown();
    }

    @Override
    public void onCompleted() {
      aborted.countDown();
    }
  }

  /**
   * The daemon's end of {@code Control/Session}: the client's bytes become an input stream and
   * bytes written go back as messages, so that a gRPC channel runs over the session like BuildKit's.
   */
  private static final class SessionPipe implements StreamObserver<BytesMessage>, ByteStreamConnector {
    private static final byte[] END = new byte[0];

    private final StreamObserver<BytesMessage> responses;
    private final BlockingQueue<byte[]> incoming = new LinkedBlockingQueue<>();
    private final AtomicBoolean opened = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    SessionPipe(StreamObserver<BytesMessage> responses) {
      this.responses = responses;
    }

    @Override
    public void onNext(BytesMessage message) {
      if (!message.getData().isEmpty()) {
        incoming.add(message.getData().toByteArray());
      }
    }

    @Override
    public void onError(Throwable error) {
      incoming.add(END);
    }

    @Override
    public void onCompleted() {
      incoming.add(END);
      close();
    }

    @Override
    public ByteStream open() throws IOException {
      if (!opened.compareAndSet(false, true)) {
        throw new IOException("the session carries one connection only");
      }
      return ByteStream.of(new QueueInput(), new MessageOutput(), this::close);
    }

    @Override
    public String endpoint() {
      return "fake session";
    }

    private void close() {
      if (closed.compareAndSet(false, true)) {
        synchronized (responses) {
          responses.onCompleted();
        }
      }
    }

    private final class QueueInput extends ChunkInputStream {
      private byte[] chunk = new byte[0];
      private int position;

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        if (chunk == END) {
          return -1;
        }
        while (position == chunk.length) {
          try {
            chunk = incoming.take();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
          }
          position = 0;
          if (chunk == END) {
            return -1;
          }
        }
        int count = Math.min(length, chunk.length - position);
        System.arraycopy(chunk, position, buffer, offset, count);
        position += count;
        return count;
      }
    }

    private final class MessageOutput extends OutputStream {
      @Override
      public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] buffer, int offset, int length) {
        synchronized (responses) {
          if (closed.get()) {
            return;
          }
          responses.onNext(BytesMessage.newBuilder().setData(ByteString.copyFrom(buffer, offset, length)).build());
        }
      }
    }
  }
}
