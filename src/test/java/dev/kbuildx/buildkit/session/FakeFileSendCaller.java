package dev.kbuildx.buildkit.session;

import static org.assertj.core.api.Assertions.fail;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.kbuildx.buildkit.proto.filesync.BytesMessage;
import dev.kbuildx.buildkit.proto.fsutil.Packet;
import dev.kbuildx.buildkit.proto.fsutil.Packet.PacketType;
import dev.kbuildx.buildkit.proto.fsutil.Stat;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.MetadataUtils;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The daemon's side of FileSend.DiffCopy: archive bytes, or fsutil's sender for a local export. */
final class FakeFileSendCaller implements ClientResponseObserver<byte[], byte[]> {
  private static final long TIMEOUT_SECONDS = 20;

  private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
  private ClientCallStreamObserver<byte[]> requests;

  /** Opens a call; {@code headers} come as "key", "value", … pairs. */
  static FakeFileSendCaller open(Channel channel, String... headers) {
    Metadata metadata = new Metadata();
    for (int i = 0; i < headers.length; i += 2) {
      metadata.put(CallMetadata.key(headers[i]), headers[i + 1]);
    }
    FakeFileSendCaller caller = new FakeFileSendCaller();
    Channel withHeaders = ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(metadata));
    ClientCalls.asyncBidiStreamingCall(withHeaders.newCall(FileSendService.DIFF_COPY, CallOptions.DEFAULT), caller);
    return caller;
  }

  @Override
  public void beforeStart(ClientCallStreamObserver<byte[]> requestStream) {
    requests = requestStream;
  }

  @Override
  public void onNext(byte[] message) {
    events.add(message);
  }

  @Override
  public void onError(Throwable error) {
    events.add(Status.fromThrowable(error));
  }

  @Override
  public void onCompleted() {
    events.add(Status.OK);
  }

  void sendBytes(String data) {
    requests.onNext(BytesMessage.newBuilder().setData(ByteString.copyFrom(data, StandardCharsets.UTF_8))
        .build().toByteArray());
  }

  void sendStat(String path, int mode, long modTimeNanos, String linkname) {
    send(Packet.newBuilder().setType(PacketType.PACKET_STAT).setStat(Stat.newBuilder().setPath(path).setMode(mode)
        .setModTime(modTimeNanos).setLinkname(linkname)).build());
  }

  void sendEndOfListing() {
    send(Packet.newBuilder().setType(PacketType.PACKET_STAT).build());
  }

  void sendData(int id, String data) {
    sendData(id, ByteString.copyFromUtf8(data));
  }

  void sendData(int id, ByteString data) {
    send(Packet.newBuilder().setType(PacketType.PACKET_DATA).setID(id).setData(data).build());
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

  /** The next packet the receiver sent; fails if the call ended instead. */
  Packet nextPacket() throws InterruptedException, InvalidProtocolBufferException {
    Object event = events.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (event instanceof byte[] message) {
      return Packet.parseFrom(message);
    }
    return fail("expected a packet but got " + event);
  }

  /** How the call ended; fails if a message comes first. */
  Status end() throws InterruptedException {
    Object event = events.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (event instanceof Status status) {
      return status;
    }
    return fail("expected the end of the call but got " + event);
  }

  private void send(Packet packet) {
    requests.onNext(packet.toByteArray());
  }
}
