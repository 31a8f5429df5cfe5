package dev.kbuildx.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/** {@code tar c} of a folder piped through {@code cat}: how fast this machine reads and streams the tree. */
final class TarReference {
  private TarReference() {}

  /** Runs the pipeline and returns the bytes that came out of it and the seconds it took. */
  static Measurement run(Path directory) throws IOException, InterruptedException {
    ProcessBuilder tar = new ProcessBuilder("tar", "-c", "-C", directory.toString(), ".")
        .redirectError(ProcessBuilder.Redirect.INHERIT);
    ProcessBuilder cat = new ProcessBuilder("cat").redirectError(ProcessBuilder.Redirect.INHERIT);
    long start = System.nanoTime();
    List<Process> pipeline = ProcessBuilder.startPipeline(List.of(tar, cat));
    Process last = pipeline.get(pipeline.size() - 1);
    long bytes = count(last.getInputStream());
    for (Process process : pipeline) {
      int exit = process.waitFor();
      if (exit != 0) {
        throw new UncheckedIOException(new IOException(process.info().command().orElse("tar | cat")
            + " exited with " + exit + " while reading " + directory));
      }
    }
    return new Measurement(bytes, (System.nanoTime() - start) / 1e9);
  }

  private static long count(InputStream in) throws IOException {
    byte[] buffer = new byte[256 * 1024];
    long total = 0;
    for (int read; (read = in.read(buffer)) >= 0; ) {
      total += read;
    }
    return total;
  }

  record Measurement(long bytes, double seconds) {}
}
