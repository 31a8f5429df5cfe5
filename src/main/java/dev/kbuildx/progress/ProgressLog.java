package dev.kbuildx.progress;

/**
 * Where the core reports what it does. The Maven layer adapts it to Maven's log; tests collect
 * lines. Messages never contain credentials or secrets.
 */
public interface ProgressLog {
  void info(String message);

  void warn(String message);

  void debug(String message);
}
