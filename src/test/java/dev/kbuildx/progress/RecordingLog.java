package dev.kbuildx.progress;

import java.util.ArrayList;
import java.util.List;

/** Keeps the info lines written to it, for comparing with expected output. */
final class RecordingLog implements ProgressLog {
  final List<String> lines = new ArrayList<>();

  @Override
  public void info(String message) {
    lines.add(message);
  }

  @Override
  public void warn(String message) {
    lines.add("WARN " + message);
  }

  @Override
  public void debug(String message) {
    lines.add("DEBUG " + message);
  }
}
