package dev.kbuildx.buildkit.session;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The data types of the SSH wire format (RFC 4251 §5) that key files and the agent protocol are
 * made of: {@code byte}, {@code uint32}, {@code string} and {@code mpint}, all big-endian.
 */
final class SshWire {
  private SshWire() {}

  /** Reads values in order; running past the end is a {@link MalformedException}. */
  static final class Reader {
    private final ByteBuffer buffer;

    Reader(byte[] data) {
      this.buffer = ByteBuffer.wrap(data);
    }

    int readByte() {
      try {
        return buffer.get() & 0xff;
      } catch (BufferUnderflowException e) {
        throw new MalformedException("the data ends early");
      }
    }

    /** An unsigned 32-bit number; lengths beyond what is left are rejected where they are used. */
    long readUint32() {
      try {
        return buffer.getInt() & 0xffffffffL;
      } catch (BufferUnderflowException e) {
        throw new MalformedException("the data ends early");
      }
    }

    byte[] readString() {
      long length = readUint32();
      if (length > buffer.remaining()) {
        throw new MalformedException("a field is longer than the data");
      }
      byte[] value = new byte[(int) length];
      buffer.get(value);
      return value;
    }

    String readText() {
      return new String(readString(), StandardCharsets.UTF_8);
    }

    /** A non-negative multiple-precision integer. */
    BigInteger readMpint() {
      byte[] value = readString();
      return value.length == 0 ? BigInteger.ZERO : new BigInteger(value);
    }

    int remaining() {
      return buffer.remaining();
    }
  }

  /** Appends values in order. */
  static final class Writer {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Writer writeByte(int value) {
      out.write(value);
      return this;
    }

    Writer writeUint32(long value) {
      out.write((int) (value >>> 24));
      out.write((int) (value >>> 16));
      out.write((int) (value >>> 8));
      out.write((int) value);
      return this;
    }

    Writer writeString(byte[] value) {
      writeUint32(value.length);
      out.writeBytes(value);
      return this;
    }

    Writer writeText(String value) {
      return writeString(value.getBytes(StandardCharsets.UTF_8));
    }

    /** Zero is the empty string; {@link BigInteger#toByteArray()} is already the minimal two's complement. */
    Writer writeMpint(BigInteger value) {
      return writeString(value.signum() == 0 ? new byte[0] : value.toByteArray());
    }

    byte[] toByteArray() {
      return out.toByteArray();
    }
  }

  /** The bytes do not follow the format. */
  static final class MalformedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedException(String message) {
      super(message);
    }
  }
}
