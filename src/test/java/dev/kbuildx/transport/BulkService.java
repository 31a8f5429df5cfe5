package dev.kbuildx.transport;

import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test service that moves many bytes with gRPC flow control: {@code Upload} digests what the
 * client streams (optionally consuming slowly), {@code Download} streams a requested number of
 * pattern bytes.
 */
final class BulkService {
  private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  };

  static final String SERVICE = "kbuildx.test.Bulk";
  static final MethodDescriptor<byte[], byte[]> UPLOAD = method("Upload", MethodDescriptor.MethodType.CLIENT_STREAMING);
  static final MethodDescriptor<byte[], byte[]> DOWNLOAD = method("Download", MethodDescriptor.MethodType.SERVER_STREAMING);
  static final int CHUNK = 256 * 1024;

  /** Bytes the server has consumed so far from uploads. */
  final AtomicLong received = new AtomicLong();
  private final long delayPerChunkMillis;

  BulkService(long delayPerChunkMillis) {
    this.delayPerChunkMillis = delayPerChunkMillis;
  }

  ServerServiceDefinition definition() {
    return ServerServiceDefinition.builder(SERVICE)
        .addMethod(UPLOAD, ServerCalls.asyncClientStreamingCall(this::upload))
        .addMethod(DOWNLOAD, ServerCalls.asyncServerStreamingCall(this::download))
        .build();
  }

  /** The deterministic content of byte {@code index} of every transfer. */
  static byte pattern(long index) {
    return (byte) (index * 31 + (index >>> 13));
  }

  static byte[] chunk(long offset, int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = pattern(offset + i);
    }
    return bytes;
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private StreamObserver<byte[]> upload(StreamObserver<byte[]> responses) {
    ServerCallStreamObserver<byte[]> call = (ServerCallStreamObserver<byte[]>) responses;
    call.disableAutoRequest();
    call.request(1);
    MessageDigest digest = sha256();
    return new StreamObserver<>() {
      @Override
      public void onNext(byte[] bytes) {
        digest.update(bytes);
        received.addAndGet(bytes.length);
        pause();
        call.request(1);
      }

      @Override
      public void onError(Throwable error) {}

      @Override
      public void onCompleted() {
        responses.onNext(digest.digest());
        responses.onCompleted();
      }
    };
  }

  private void download(byte[] request, StreamObserver<byte[]> responses) {
    ServerCallStreamObserver<byte[]> call = (ServerCallStreamObserver<byte[]>) responses;
    long total = ByteBuffer.wrap(request).getLong();
    AtomicLong sent = new AtomicLong();
    call.setOnReadyHandler(() -> {
      while (call.isReady() && sent.get() < total) {
        int length = (int) Math.min(CHUNK, total - sent.get());
        call.onNext(chunk(sent.get(), length));
        if (sent.addAndGet(length) == total) {
          call.onCompleted();
        }
      }
    });
  }

  /** The injected slowness of a slow peer. */
  private void pause() {
    if (delayPerChunkMillis > 0) {
      try {
        Thread.sleep(delayPerChunkMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static MethodDescriptor<byte[], byte[]> method(String name, MethodDescriptor.MethodType type) {
    return MethodDescriptor.<byte[], byte[]>newBuilder()
        .setType(type)
        .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, name))
        .setRequestMarshaller(BYTES)
        .setResponseMarshaller(BYTES)
        .build();
  }
}
