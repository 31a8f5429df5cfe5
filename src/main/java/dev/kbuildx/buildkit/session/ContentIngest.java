package dev.kbuildx.buildkit.session;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;

/**
 * One blob being written through {@code Content/Write}: a temporary file, its running digest and
 * what the writer announced it will be. Only the gRPC thread of its own call touches the data; the
 * {@code Status} calls only read the progress fields.
 */
final class ContentIngest {
  private final String ref;
  private final Path file;
  private final FileChannel channel;
  private final Instant startedAt = Instant.now();
  private volatile Instant updatedAt = startedAt;
  private volatile long offset;
  private volatile long total;
  private volatile String expected = "";
  private MessageDigest hasher = BlobDigest.sha256();

  ContentIngest(String ref, Path file) throws IOException {
    this.ref = ref;
    this.file = file;
    this.channel = FileChannel.open(file, StandardOpenOption.WRITE);
  }

  String ref() {
    return ref;
  }

  Instant startedAt() {
    return startedAt;
  }

  Instant updatedAt() {
    return updatedAt;
  }

  long offset() {
    return offset;
  }

  long total() {
    return total;
  }

  String expected() {
    return expected;
  }

  /** The writer's latest announcement wins, as containerd's stores do; zero and empty announce nothing. */
  void announce(long newTotal, String newExpected) {
    if (newTotal > 0) {
      total = newTotal;
    }
    if (!newExpected.isEmpty()) {
      expected = newExpected;
    }
  }

  /**
   * Appends {@code data} written at {@code at}. Writers only ever continue where the last write
   * ended or start over from zero.
   *
   * @throws OffsetException for any other offset
   */
  void write(long at, ByteBuffer data) throws IOException {
    if (at == 0 && offset > 0) {
      channel.truncate(0);
      hasher = BlobDigest.sha256();
      offset = 0;
    }
    if (at != offset) {
      throw new OffsetException("write at offset " + at + " but " + offset + " bytes are written");
    }
    hasher.update(data.duplicate());
    long end = at;
    while (data.hasRemaining()) {
      end += channel.write(data, end);
    }
    offset = end;
    if (total > 0 && offset > total) {
      throw new OffsetException("wrote " + offset + " bytes, more than the announced " + total);
    }
    updatedAt = Instant.now();
  }

  /**
   * Closes the file and returns the digest of its content, in the algorithm of {@code wanted}
   * (or sha256 when null).
   */
  BlobDigest finish(BlobDigest wanted) throws IOException {
    channel.force(false);
    channel.close();
    if (wanted == null || wanted.algorithm().equals("sha256")) {
      return BlobDigest.of(hasher);
    }
    MessageDigest other = wanted.newHasher();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), other)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return BlobDigest.of(other);
  }

  Path file() {
    return file;
  }

  /** Closes and deletes the temporary file of a write that will not be committed. */
  void discard() {
    try {
      channel.close();
    } catch (IOException e) {
      // Deleting is what matters.
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A leftover temporary file is harmless: it is hidden and never read.
    }
  }

  /** A write at an offset the store cannot take. */
  static final class OffsetException extends IOException {
    private static final long serialVersionUID = 1L;

    OffsetException(String message) {
      super(message);
    }
  }
}
