package dev.kbuildx.buildkit.session;

import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes messages through as bytes. {@code FileSend.DiffCopy} declares BytesMessage, but the local
 * exporter sends fsutil Packets on it, so each call decides how to parse.
 */
final class RawBytesMarshaller implements MethodDescriptor.Marshaller<byte[]> {
  static final RawBytesMarshaller INSTANCE = new RawBytesMarshaller();

  private RawBytesMarshaller() {}

  @Override
  public InputStream stream(byte[] value) {
    return new ByteArrayInputStream(value);
  }

  @Override
  public byte[] parse(InputStream stream) {
    try {
      return stream.readAllBytes();
    } catch (IOException e) {
      throw Status.INTERNAL.withDescription("failed to read a message: " + e.getMessage())
          .withCause(e).asRuntimeException();
    }
  }
}
