package dev.kbuildx.buildkit.session;

import dev.kbuildx.progress.ProgressLog;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects log lines with their level, for assertions about what is (not) logged. */
final class SessionTestLog implements ProgressLog {
  final List<String> lines = new CopyOnWriteArrayList<>();

  @Override
  public void info(String message) {
    lines.add("INFO " + message);
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
