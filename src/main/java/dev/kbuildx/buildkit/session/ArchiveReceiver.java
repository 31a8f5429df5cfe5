package dev.kbuildx.buildkit.session;

import dev.kbuildx.buildkit.proto.filesync.BytesMessage;
import io.grpc.stub.StreamObserver;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.UUID;

/**
 * Receives the archive of a {@code tar}, {@code oci} or {@code docker} exporter: BytesMessages whose
 * data, concatenated, is the archive; the daemon half-closes when it is complete. Writing happens on
 * gRPC's thread, so the daemon is only asked for more once the disk has taken the last part.
 */
final class ArchiveReceiver extends ExportReceiver {
  private static final int BUFFER_SIZE = 64 * 1024;

  private final OutputStream out;
  private final String destination;
  /** For a file target: the partial file that replaces {@link #file} once complete. */
  private final Path partial;
  private final Path file;

  private ArchiveReceiver(OutputStream out, String destination, Path partial, Path file,
      StreamObserver<byte[]> responses) {
    super(responses);
    this.out = new BufferedOutputStream(out, BUFFER_SIZE);
    this.destination = destination;
    this.partial = partial;
    this.file = file;
  }

  static StreamObserver<byte[]> start(ExportTarget target, Map<String, String> exporterMetadata,
      StreamObserver<byte[]> responses) {
    try {
      if (target instanceof ExportTarget.ArchiveFile archive) {
        Path file = archive.file().toAbsolutePath();
        Files.createDirectories(file.getParent());
        // A sibling, so that the final rename is atomic; created like any new file (umask applies).
        Path partial = file.resolveSibling("." + file.getFileName() + "." + UUID.randomUUID() + ".part");
        OutputStream out = Files.newOutputStream(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new ArchiveReceiver(out, file.toString(), partial, file, responses);
      }
      ExportTarget.ArchiveStream stream = (ExportTarget.ArchiveStream) target;
      return new ArchiveReceiver(stream.opener().open(exporterMetadata), "the output stream", null, null, responses);
    } catch (IOException e) {
      return refused("the export destination", e, responses);
    }
  }

  @Override
  protected void receive(byte[] message) throws IOException {
    BytesMessage.parseFrom(message).getData().writeTo(out);
  }

  @Override
  protected String destination() {
    return destination;
  }

  @Override
  public void onCompleted() {
    if (finished()) {
      return;
    }
    try {
      out.close();
      if (partial != null) {
        moveIntoPlace();
      }
      finish();
      responses.onCompleted();
    } catch (IOException e) {
      fail("failed to complete the export to " + destination + ": " + IoErrors.describe(e));
    }
  }

  private void moveIntoPlace() throws IOException {
    try {
      Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Override
  protected void discard() {
    try {
      out.close();
    } catch (IOException e) {
      // The export has failed already; this error adds nothing.
    }
    if (partial != null) {
      try {
        Files.deleteIfExists(partial);
      } catch (IOException e) {
        // Only a leftover partial file; the failure itself is reported.
      }
    }
  }
}
