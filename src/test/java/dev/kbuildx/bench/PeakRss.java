package dev.kbuildx.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The peak resident memory of a process and its descendants, from the kernel's high-water mark
 * ({@code VmHWM} in {@code /proc/<pid>/status}). The mark only grows, so sampling every
 * {@value #PERIOD_MILLIS} ms misses at most the growth of a process's last moments. The result is
 * the sum of each process's mark, which is what a machine must hold when they peak together; the
 * programs measured here run as one process (the {@code mvn} script ends in {@code exec java}).
 * This needs no {@code /usr/bin/time}, which a fresh Debian lacks.
 */
final class PeakRss {
  private static final long PERIOD_MILLIS = 20;
  /** Listing descendants walks all of /proc; the tree's own marks are read on every sample. */
  private static final int SAMPLES_PER_LISTING = 10;

  private final ProcessHandle root;
  private final Map<Long, Long> peakKilobytes = new ConcurrentHashMap<>();
  private final Thread sampler;
  private volatile boolean stopped;

  private PeakRss(ProcessHandle root) {
    this.root = root;
    this.sampler = new Thread(this::sample, "peak-rss-" + root.pid());
    sampler.setDaemon(true);
  }

  /** Starts watching {@code process} until {@link #stop}. */
  static PeakRss watch(Process process) {
    PeakRss watch = new PeakRss(process.toHandle());
    watch.sampler.start();
    return watch;
  }

  /** Stops watching and returns the peak in bytes, or -1 when no mark could be read (no /proc). */
  long stop() throws InterruptedException {
    stopped = true;
    sampler.interrupt();
    sampler.join();
    if (peakKilobytes.isEmpty()) {
      return -1;
    }
    return peakKilobytes.values().stream().mapToLong(Long::longValue).sum() * 1024;
  }

  private void sample() {
    List<ProcessHandle> tree = List.of(root);
    for (int round = 0; !stopped && root.isAlive(); round++) {
      if (round % SAMPLES_PER_LISTING == 0) {
        List<ProcessHandle> listed = new ArrayList<>(List.of(root));
        root.descendants().forEach(listed::add);
        tree = listed;
      }
      for (ProcessHandle process : tree) {
        long kilobytes = highWaterMark(process.pid());
        if (kilobytes >= 0) {
          peakKilobytes.merge(process.pid(), kilobytes, Math::max);
        }
      }
      try {
        Thread.sleep(PERIOD_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** The process's VmHWM in kB; -1 when it is gone or the system has no such file. */
  private static long highWaterMark(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.substring("VmHWM:".length()).replace("kB", "").trim());
        }
      }
    } catch (IOException | RuntimeException e) {
      // The process ended between listing and reading: its last sample stands.
    }
    return -1;
  }
}
