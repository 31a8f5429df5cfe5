package dev.kbuildx.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The benchmark's figures as a fixed-width text table; a missing figure prints as {@code -}. */
final class ResultTable {
  private static final String HEADER_FORMAT = "%-26s %10s %8s %9s %9s %9s %10s %10s%n";
  private static final double MEGABYTE = 1024.0 * 1024.0;

  private final List<Object[]> rows = new ArrayList<>();

  /**
   * One measured run.
   *
   * @param megabytes data moved: file content sent, or the tar stream
   * @param files files whose content was sent; negative when not counted
   * @param seconds wall time of the whole run
   * @param transferSeconds time of the transfer alone (the daemon's context step); NaN when unknown
   * @param peakHeap most heap in use, bytes; negative when not watched
   * @param heapAfterGc most heap a collection left in use, bytes; 0 when none ran, negative when not watched
   */
  void add(String run, double megabytes, long files, double seconds, double transferSeconds, long peakHeap,
      long heapAfterGc) {
    double rateSeconds = Double.isNaN(transferSeconds) ? seconds : transferSeconds;
    rows.add(new Object[] {
        run,
        String.format(Locale.ROOT, "%.1f", megabytes),
        files < 0 ? "-" : Long.toString(files),
        String.format(Locale.ROOT, "%.2f", seconds),
        Double.isNaN(transferSeconds) ? "-" : String.format(Locale.ROOT, "%.2f", transferSeconds),
        rateSeconds > 0 && megabytes > 0 ? String.format(Locale.ROOT, "%.1f", megabytes / rateSeconds) : "-",
        megabytesOrDash(peakHeap),
        heapAfterGc == 0 ? "no GC" : megabytesOrDash(heapAfterGc)});
  }

  static double megabytes(long bytes) {
    return bytes / MEGABYTE;
  }

  void print(PrintStream out) {
    out.printf(Locale.ROOT, HEADER_FORMAT, "run", "MB", "files", "total s", "upload s", "MB/s", "peak heap",
        "after GC");
    out.printf(Locale.ROOT, HEADER_FORMAT, "", "", "", "", "", "", "MB", "MB");
    for (Object[] row : rows) {
      out.printf(Locale.ROOT, HEADER_FORMAT, row);
    }
  }

  private static String megabytesOrDash(long bytes) {
    return bytes < 0 ? "-" : String.format(Locale.ROOT, "%.0f", megabytes(bytes));
  }
}
