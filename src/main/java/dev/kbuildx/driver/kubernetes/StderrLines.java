package dev.kbuildx.driver.kubernetes;

import dev.kbuildx.progress.ProgressLog;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The stderr of a command in a pod, written by fabric8 as it arrives: each line goes to the debug
 * log, and the last ones are kept to explain an exit with an error. Being written to, rather than
 * read by a thread of our own, it needs no thread that could outlive the exec.
 */
final class StderrLines extends OutputStream {
  private static final int KEPT_LINES = 3;

  private final String pod;
  private final ProgressLog log;
  private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
  private final Deque<String> lastLines = new ArrayDeque<>();

  StderrLines(String pod, ProgressLog log) {
    this.pod = pod;
    this.log = log;
  }

  @Override
  public synchronized void write(int b) {
    if (b == '\n') {
      endLine();
    } else {
      partial.write(b);
    }
  }

  @Override
  public synchronized void write(byte[] bytes, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      write(bytes[i]);
    }
  }

  /** The last lines, the unfinished one included, joined by {@code " / "}; empty when nothing was written. */
  synchronized String last() {
    List<String> lines = new ArrayList<>(lastLines);
    if (partial.size() > 0) {
      lines.add(partial.toString(StandardCharsets.UTF_8));
    }
    return String.join(" / ", lines.subList(Math.max(0, lines.size() - KEPT_LINES), lines.size()));
  }

  private void endLine() {
    String line = partial.toString(StandardCharsets.UTF_8);
    partial.reset();
    log.debug("pod " + pod + ": " + line);
    lastLines.addLast(line);
    if (lastLines.size() > KEPT_LINES) {
      lastLines.removeFirst();
    }
  }
}
