package dev.kbuildx.buildkit.session;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;

/** Where the output of one exporter of a solve goes. */
public sealed interface ExportTarget {
  /**
   * The archive of a {@code tar}, {@code oci} or {@code docker} exporter, written to {@code file}.
   * The file is replaced only once the archive is complete.
   */
  static ExportTarget file(Path file) {
    return new ArchiveFile(file);
  }

  /** The archive of a {@code tar}, {@code oci} or {@code docker} exporter, written to a stream. */
  static ExportTarget stream(StreamOpener opener) {
    return new ArchiveStream(opener);
  }

  /**
   * The files of a {@code local} exporter, written below {@code directory} (created if missing).
   * Existing files that are not part of the result are kept.
   */
  static ExportTarget directory(Path directory) {
    return new Directory(directory);
  }

  record ArchiveFile(Path file) implements ExportTarget {}

  record ArchiveStream(StreamOpener opener) implements ExportTarget {}

  record Directory(Path directory) implements ExportTarget {}

  /** Opens the stream an archive is written to; the stream is closed when the archive is complete. */
  @FunctionalInterface
  interface StreamOpener {
    /**
     * @param exporterMetadata the exporter's response so far, e.g. {@code containerimage.digest}
     *                         (sent by the daemon for {@code oci} and {@code docker} only)
     */
    OutputStream open(Map<String, String> exporterMetadata) throws IOException;
  }
}
