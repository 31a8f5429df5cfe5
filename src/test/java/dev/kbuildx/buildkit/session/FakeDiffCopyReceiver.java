package dev.kbuildx.buildkit.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.google.protobuf.ByteString;
import dev.kbuildx.buildkit.proto.filesync.FileSyncGrpc;
import dev.kbuildx.buildkit.proto.fsutil.Packet;
import dev.kbuildx.buildkit.proto.fsutil.Packet.PacketType;
import dev.kbuildx.buildkit.proto.fsutil.Stat;
import io.grpc.Channel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.MetadataUtils;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The daemon's side of FileSync.DiffCopy (fsutil's receiver), driven step by step by a test. */
final class FakeDiffCopyReceiver implements ClientResponseObserver<Packet, Packet> {
  private static final long TIMEOUT_SECONDS = 20;

  private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
  private final boolean manualFlowControl;
  private ClientCallStreamObserver<Packet> requests;

  private FakeDiffCopyReceiver(boolean manualFlowControl) {
    this.manualFlowControl = manualFlowControl;
  }

  /** Opens a transfer of {@code dirName}; {@code headers} come as "key", "value", … pairs. */
  static FakeDiffCopyReceiver open(Channel channel, String dirName, String... headers) {
    return open(channel, false, dirName, headers);
  }

  /** As {@link #open}, but the test must {@link #allow} each message it wants to receive. */
  static FakeDiffCopyReceiver openSlow(Channel channel, String dirName, String... headers) {
    return open(channel, true, dirName, headers);
  }

  private static FakeDiffCopyReceiver open(Channel channel, boolean manual, String dirName, String... headers) {
    Metadata metadata = new Metadata();
    metadata.put(CallMetadata.key("dir-name"), dirName);
    for (int i = 0; i < headers.length; i += 2) {
      metadata.put(CallMetadata.key(headers[i]), headers[i + 1]);
    }
    FakeDiffCopyReceiver receiver = new FakeDiffCopyReceiver(manual);
    FileSyncGrpc.newStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata))
        .diffCopy(receiver);
    return receiver;
  }

  @Override
  public void beforeStart(ClientCallStreamObserver<Packet> requestStream) {
    requests = requestStream;
    if (manualFlowControl) {
      requestStream.disableAutoRequestWithInitial(0);
    }
  }

  @Override
  public void onNext(Packet packet) {
    events.add(packet);
  }

  @Override
  public void onError(Throwable error) {
    events.add(Status.fromThrowable(error));
  }

  @Override
  public void onCompleted() {
    events.add(Status.OK);
  }

  void allow(int messages) {
    requests.request(messages);
  }

  /** The next packet; fails if the call ended instead. */
  Packet next() throws InterruptedException {
    Object event = events.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (event instanceof Packet packet) {
      return packet;
    }
    return fail("expected a packet but got " + event);
  }

  /** The STATs up to the end of the listing (a STAT packet without stat). */
  List<Stat> listing() throws InterruptedException {
    List<Stat> stats = new ArrayList<>();
    for (Packet packet = next(); packet.hasStat(); packet = next()) {
      assertThat(packet.getType()).isEqualTo(PacketType.PACKET_STAT);
      stats.add(packet.getStat());
    }
    return stats;
  }

  void request(int id) {
    send(Packet.newBuilder().setType(PacketType.PACKET_REQ).setID(id).build());
  }

  /** Receives DATA until each of {@code ids} has ended with an empty DATA packet; chunks in order. */
  Map<Integer, List<ByteString>> chunks(Collection<Integer> ids) throws InterruptedException {
    Map<Integer, List<ByteString>> chunks = new HashMap<>();
    int open = ids.size();
    while (open > 0) {
      Packet packet = next();
      assertThat(packet.getType()).isEqualTo(PacketType.PACKET_DATA);
      assertThat(ids).contains(packet.getID());
      if (packet.getData().isEmpty()) {
        open--;
      } else {
        chunks.computeIfAbsent(packet.getID(), id -> new ArrayList<>()).add(packet.getData());
      }
    }
    return chunks;
  }

  /** The content of each of {@code ids}. */
  Map<Integer, String> files(Collection<Integer> ids) throws InterruptedException {
    Map<Integer, String> files = new HashMap<>();
    for (int id : ids) {
      files.put(id, "");
    }
    chunks(ids).forEach((id, parts) -> {
      ByteArrayOutputStream content = new ByteArrayOutputStream();
      parts.forEach(part -> content.writeBytes(part.toByteArray()));
      files.put(id, content.toString(StandardCharsets.UTF_8));
    });
    return files;
  }

  void sendFin() {
    send(Packet.newBuilder().setType(PacketType.PACKET_FIN).build());
  }

  void sendError(String message) {
    send(Packet.newBuilder().setType(PacketType.PACKET_ERR).setData(ByteString.copyFromUtf8(message)).build());
  }

  void halfClose() {
    requests.onCompleted();
  }

  void cancel() {
    requests.cancel("test cancels", null);
  }

  /** How the call ended ({@link Status#OK} when the sender completed it); fails on a further packet. */
  Status end() throws InterruptedException {
    Object event = events.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (event instanceof Status status) {
      return status;
    }
    return fail("expected the end of the call but got " + event);
  }

  private void send(Packet packet) {
    requests.onNext(packet);
  }
}
