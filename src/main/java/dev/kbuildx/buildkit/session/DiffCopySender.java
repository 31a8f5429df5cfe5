package dev.kbuildx.buildkit.session;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import dev.kbuildx.buildkit.proto.fsutil.Packet;
import dev.kbuildx.buildkit.proto.fsutil.Packet.PacketType;
import dev.kbuildx.buildkit.proto.fsutil.Stat;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One {@code FileSync.DiffCopy} transfer, where this client is fsutil's sender: a walker thread
 * sends the listing (one STAT per entry, then an empty STAT), the daemon requests the files it
 * lacks by their position in the listing, a second thread streams those in chunks, and the daemon
 * ends the transfer with FIN, which is answered with FIN.
 */
final class DiffCopySender implements StreamObserver<Packet> {
  /** fsutil's chunk size; an empty DATA packet means end of file, so chunks are never empty. */
  static final int CHUNK_SIZE = 32 * 1024;
  private static final Packet END_OF_LISTING = Packet.newBuilder().setType(PacketType.PACKET_STAT).build();
  private static final Packet FIN = Packet.newBuilder().setType(PacketType.PACKET_FIN).build();

  private final Path root;
  private final DiffCopyOptions options;
  private final FlowControlledWriter<Packet> writer;
  private final UploadCounters counters;
  /** Files listed but not requested yet, by id; the daemon may request each one once. */
  private final Map<Integer, Path> requestable = new ConcurrentHashMap<>();
  private final BlockingQueue<FileRequest> requested = new LinkedBlockingQueue<>();
  /** Used by the file thread only; chunks are copied into their packets. */
  private final byte[] buffer = new byte[CHUNK_SIZE];
  private final Thread walker;
  private final Thread fileSender;

  private DiffCopySender(Path root, DiffCopyOptions options, ServerCallStreamObserver<Packet> out,
      UploadCounters counters) {
    this.root = root;
    this.options = options;
    this.writer = new FlowControlledWriter<>(out);
    this.counters = counters;
    this.walker = daemonThread(this::sendListing, "kbuildx-filesync-list-" + options.dirName());
    this.fileSender = daemonThread(this::sendRequestedFiles, "kbuildx-filesync-data-" + options.dirName());
    out.setOnCancelHandler(this::stop);
  }

  /** Starts the transfer of {@code root}; the returned observer takes the daemon's packets. */
  static DiffCopySender start(Path root, DiffCopyOptions options, ServerCallStreamObserver<Packet> out,
      UploadCounters counters) {
    DiffCopySender sender = new DiffCopySender(root, options, out, counters);
    counters.transferStarted();
    sender.walker.start();
    sender.fileSender.start();
    return sender;
  }

  @Override
  public void onNext(Packet packet) {
    switch (packet.getType()) {
      case PACKET_REQ -> {
        Path file = requestable.remove(packet.getID());
        if (file == null) {
          fail(Status.INVALID_ARGUMENT, "invalid file id " + Integer.toUnsignedString(packet.getID()));
        } else {
          requested.add(new FileRequest(packet.getID(), file));
        }
      }
      case PACKET_FIN -> {
        // The daemon has written everything it asked for: answer and end the call.
        send(FIN);
        counters.transferFinished();
        writer.complete();
        stop();
      }
      case PACKET_ERR -> fail(Status.UNKNOWN, "error from receiver: " + packet.getData().toStringUtf8());
      default -> {
        // STAT and DATA only travel from sender to receiver; fsutil ignores them too.
      }
    }
  }

  @Override
  public void onError(Throwable error) {
    stop();
  }

  @Override
  public void onCompleted() {
    if (!writer.isClosed()) {
      fail(Status.UNKNOWN, "the daemon closed the transfer of \"" + options.dirName() + "\" before it finished");
    }
  }

  private void sendListing() {
    try {
      ContextFilter filter = ContextFilter.of(root, options.includePatterns(), options.excludePatterns(),
          options.followPaths());
      int[] nextId = {0};
      new ContextWalker(root, filter).walk(entry -> {
        int id = nextId[0]++;
        if (entry.hasData()) {
          requestable.put(id, entry.file());
        }
        sendWaiting(Packet.newBuilder().setType(PacketType.PACKET_STAT).setStat(stat(entry)).build());
      });
      sendWaiting(END_OF_LISTING);
    } catch (InvalidPatternException e) {
      fail(Status.INVALID_ARGUMENT, e.getMessage());
    } catch (FlowControlledWriter.ClosedException e) {
      // The call ended first; nothing is left to report to.
    } catch (IOException | RuntimeException e) {
      String message = "failed to list \"" + options.dirName() + "\": " + IoErrors.describe(e);
      send(Packet.newBuilder().setType(PacketType.PACKET_ERR).setData(ByteString.copyFromUtf8(message)).build());
      fail(Status.UNKNOWN, message);
    }
  }

  private void sendRequestedFiles() {
    try {
      while (true) {
        FileRequest request = requested.take();
        sendFile(request);
      }
    } catch (InterruptedException | FlowControlledWriter.ClosedException e) {
      // stop(): the transfer is over.
    } catch (IOException | RuntimeException e) {
      fail(Status.UNKNOWN, "failed to send a file of \"" + options.dirName() + "\": " + IoErrors.describe(e));
    }
  }

  private void sendFile(FileRequest request) throws IOException {
    // A file that cannot be opened any more is sent as empty, as fsutil does.
    try (InputStream in = openOrNull(request.file())) {
      for (int read = in == null ? 0 : in.readNBytes(buffer, 0, buffer.length); read > 0;
          read = in.readNBytes(buffer, 0, buffer.length)) {
        // gRPC serialises a message while sending it, so the buffer is reused without a copy.
        sendWaiting(Packet.newBuilder().setType(PacketType.PACKET_DATA).setID(request.id())
            .setData(UnsafeByteOperations.unsafeWrap(buffer, 0, read)).build());
        counters.fileData(read);
      }
    }
    sendWaiting(Packet.newBuilder().setType(PacketType.PACKET_DATA).setID(request.id()).build());
    counters.fileDone();
  }

  private static InputStream openOrNull(Path file) {
    try {
      return Files.newInputStream(file);
    } catch (IOException e) {
      return null;
    }
  }

  private void sendWaiting(Packet packet) throws IOException {
    writer.send(packet);
    counters.packet(packet.getSerializedSize());
  }

  private void send(Packet packet) {
    writer.sendNow(packet);
    counters.packet(packet.getSerializedSize());
  }

  private void fail(Status status, String message) {
    writer.fail(status.withDescription(message));
    stop();
  }

  private void stop() {
    writer.abandon();
    fileSender.interrupt();
  }

  private static Stat stat(ContextEntry entry) {
    return Stat.newBuilder()
        .setPath(entry.path())
        .setMode(entry.mode())
        .setSize(entry.size())
        .setModTime(entry.modTimeNanos())
        .setLinkname(entry.linkname())
        .build();
  }

  private static Thread daemonThread(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }

  private record FileRequest(int id, Path file) {}
}
