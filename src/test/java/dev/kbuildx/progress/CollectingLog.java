package dev.kbuildx.progress;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects progress lines, prefixed with their level, for assertions; safe across threads. */
public final class CollectingLog implements ProgressLog {
  public final List<String> lines = new CopyOnWriteArrayList<>();

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

  /** Info and warning lines without their level, in order. */
  public List<String> messages() {
    return lines.stream().filter(l -> !l.startsWith("DEBUG ")).map(l -> l.substring(5)).toList();
  }
}
