package dev.kbuildx.buildkit.session;

import com.google.protobuf.ByteString;
import dev.kbuildx.buildkit.proto.content.ReadContentResponse;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Answers {@code Content/Read}: sends a byte range of a blob in chunks whenever gRPC can take more,
 * so a large cache layer streams at the daemon's pace without being held in memory or blocking a
 * gRPC thread.
 */
final class BlobChunkPump {
  static final int CHUNK_SIZE = 1024 * 1024;

  private final Path blob;
  private final FileChannel channel;
  private final ServerCallStreamObserver<ReadContentResponse> out;
  private long position;
  private long remaining;
  private boolean done;

  private BlobChunkPump(Path blob, long offset, long length, ServerCallStreamObserver<ReadContentResponse> out)
      throws IOException {
    this.blob = blob;
    this.channel = FileChannel.open(blob, StandardOpenOption.READ);
    this.out = out;
    this.position = offset;
    this.remaining = length;
  }

  static void start(Path blob, long offset, long length, ServerCallStreamObserver<ReadContentResponse> out) {
    BlobChunkPump pump;
    try {
      pump = new BlobChunkPump(blob, offset, length, out);
    } catch (IOException e) {
      out.onError(Status.INTERNAL.withDescription("cannot read " + blob.getFileName() + ": " + IoErrors.describe(e))
          .asRuntimeException());
      return;
    }
    out.setOnReadyHandler(pump::pump);
    out.setOnCancelHandler(pump::close);
    pump.pump();
  }

  private synchronized void pump() {
    try {
      while (!done) {
        if (remaining == 0) {
          close();
          out.onCompleted();
          return;
        }
        if (!out.isReady()) {
          return;
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(CHUNK_SIZE, remaining));
        while (buffer.hasRemaining()) {
          if (channel.read(buffer, position + buffer.position()) < 0) {
            throw new IOException("the blob ended early");
          }
        }
        buffer.flip();
        out.onNext(ReadContentResponse.newBuilder().setOffset(position).setData(ByteString.copyFrom(buffer)).build());
        position += buffer.limit();
        remaining -= buffer.limit();
      }
    } catch (IOException e) {
      close();
      out.onError(Status.INTERNAL.withDescription("cannot read " + blob.getFileName() + ": " + IoErrors.describe(e))
          .asRuntimeException());
    }
  }

  private synchronized void close() {
    done = true;
    try {
      channel.close();
    } catch (IOException e) {
      // Only reading was done: nothing is lost.
    }
  }
}
