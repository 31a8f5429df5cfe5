package dev.kbuildx.build;

import dev.kbuildx.progress.ProgressLog;

/** The progress of one node of a multi-node build, each line prefixed with the node, as builds run side by side. */
record NodeLog(String node, ProgressLog log) implements ProgressLog {
  @Override
  public void info(String message) {
    log.info(prefixed(message));
  }

  @Override
  public void warn(String message) {
    log.warn(prefixed(message));
  }

  @Override
  public void debug(String message) {
    log.debug(prefixed(message));
  }

  private String prefixed(String message) {
    return "[" + node + "] " + message;
  }
}
