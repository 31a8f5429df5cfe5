package dev.kbuildx.bench;

import java.nio.file.Path;

/**
 * One timed run of a command.
 *
 * @param seconds wall time from the process start to its exit
 * @param peakRssBytes the peak resident memory of the process tree; negative when it could not be read
 * @param log the file that holds what the command printed
 * @param startMillis when it started (epoch milliseconds), to tell files it wrote from older ones
 * @param jvm what the JVM of a Maven run spent on classes and compiling; null for other commands
 */
record Measured(double seconds, long peakRssBytes, Path log, long startMillis, JvmCounters jvm) {
  Measured(double seconds, long peakRssBytes, Path log, long startMillis) {
    this(seconds, peakRssBytes, log, startMillis, null);
  }

  Measured withJvm(JvmCounters counters) {
    return new Measured(seconds, peakRssBytes, log, startMillis, counters);
  }
}
