package dev.kbuildx.progress;

import dev.kbuildx.buildkit.proto.control.VertexStatus;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * One numbered step of the plain progress output: a vertex, or a progress group whose member
 * vertices are shown as one. Holds what is still to be printed and a bounded tail of its log for
 * the failure summary; nothing else of the log is kept.
 */
final class ProgressStep {
  static final int TAIL_LINES = 10;
  /** Lines kept while a step cannot be printed yet (no name, not started); older ones are dropped. */
  private static final int MAX_PENDING_LINES = 1000;
  /** A "line" without a line break is cut here, so that a step writing no newline cannot fill the heap. */
  private static final int MAX_LINE_BYTES = 64 * 1024;

  /** One member of a progress group, as last reported. */
  private record Member(Long started, Long completed, boolean cached, String error, boolean weak) {}

  /** What decides whether the step changed: buildkit prints a vertex again only when one of these does. */
  private record Shape(String name, Map<Long, Long> intervals, boolean cached, String error, boolean hidden) {}

  private String name;
  private int number;
  private boolean cached;
  private String error = "";
  private boolean hidden;
  /** Start → stop (null while running) in nanoseconds; several when a vertex runs again. */
  private final Map<Long, Long> intervals = new HashMap<>();
  private final Map<String, Member> members = new LinkedHashMap<>();
  private final Map<String, VertexStatus> statusUpdates = new LinkedHashMap<>();
  private final Map<String, VertexStatus> lastPrintedStatus = new HashMap<>();
  private final Set<String> openStatuses = new HashSet<>();
  private final List<String> warnings = new ArrayList<>();
  private final Deque<String> pendingLines = new ArrayDeque<>();
  private final ByteArrayOutputStream partialLine = new ByteArrayOutputStream();
  private String partialPrefix;
  private final Deque<String> tail = new ArrayDeque<>();
  private Shape printedCompletion;

  private ProgressStep(String name, boolean hidden) {
    this.name = name;
    this.hidden = hidden;
  }

  static ProgressStep vertex() {
    return new ProgressStep("", false);
  }

  /** A group stays hidden until one of its non-weak members starts, as in buildkit. */
  static ProgressStep group(String name) {
    return new ProgressStep(name, true);
  }

  /**
   * Merges a vertex update; returns whether the step changed. An update without a start time for a
   * started vertex is a late duplicate of its first announcement and is ignored.
   */
  boolean updateVertex(String name, Long started, Long completed, boolean cached, String error) {
    if (started == null && !intervals.isEmpty()) {
      return false;
    }
    Shape before = shape();
    if (!name.isEmpty()) {
      this.name = name;
    }
    this.cached = cached;
    this.error = error;
    if (started != null) {
      intervals.put(started, completed);
    }
    return !before.equals(shape());
  }

  /** Merges an update of one member of this group; returns whether the merged step changed. */
  boolean updateMember(String digest, Long started, Long completed, boolean cached, String error, boolean weak) {
    Member previous = members.get(digest);
    if (started == null && previous != null && previous.started() != null) {
      return false;
    }
    Shape before = shape();
    members.put(digest, new Member(started, completed, cached, error, weak));
    this.cached = members.values().stream().allMatch(Member::cached);
    this.error = members.values().stream().map(Member::error).filter(e -> !e.isEmpty()).findFirst().orElse("");
    intervals.clear();
    for (Member member : members.values()) {
      if (member.started() != null) {
        intervals.put(member.started(), member.completed());
        hidden &= member.weak();
      }
    }
    hidden &= this.error.isEmpty();
    return !before.equals(shape());
  }

  private Shape shape() {
    return new Shape(name, new TreeMap<>(intervals), cached, error, hidden);
  }

  void addStatus(VertexStatus status) {
    statusUpdates.put(status.getID(), status);
    if (status.hasCompleted()) {
      openStatuses.remove(status.getID());
    } else if (status.hasStarted()) {
      openStatuses.add(status.getID());
    }
  }

  void addWarning(String text) {
    if (warnings.size() < MAX_PENDING_LINES) {
      warnings.add(text);
    }
  }

  /**
   * Appends a log chunk. Chunks are not line-aligned: a line is finished by its line break, and the
   * time offset printed before it is that of the chunk that began it.
   */
  void addLog(byte[] data, long timestamp) {
    int start = 0;
    while (true) {
      int lineBreak = indexOfLineBreak(data, start);
      int stop = lineBreak < 0 ? data.length : lineBreak;
      if (partialPrefix == null && (stop > start || lineBreak >= 0)) {
        partialPrefix = logOffset(timestamp);
      }
      partialLine.write(data, start, stop - start);
      if (lineBreak < 0) {
        if (partialLine.size() > MAX_LINE_BYTES) {
          finishLine();
        }
        return;
      }
      finishLine();
      start = lineBreak + 1;
    }
  }

  private static int indexOfLineBreak(byte[] data, int from) {
    for (int i = from; i < data.length; i++) {
      if (data[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** BuildKit's offset of a log line: seconds since the step's latest start, fewer decimals as it grows. */
  private String logOffset(long timestamp) {
    Long start = intervals.keySet().stream().max(Long::compare).orElse(null);
    double seconds = start == null ? 0 : GoFormat.seconds(timestamp - start);
    int precision = seconds < 10 ? 3 : seconds < 100 ? 2 : 1;
    return GoFormat.fixed(seconds, precision);
  }

  private void finishLine() {
    String text = partialLine.toString(StandardCharsets.UTF_8);
    if (text.endsWith("\r")) {
      text = text.substring(0, text.length() - 1);
    }
    String line = partialPrefix + " " + text;
    partialLine.reset();
    partialPrefix = null;
    pendingLines.addLast(line);
    if (pendingLines.size() > MAX_PENDING_LINES) {
      pendingLines.removeFirst();
    }
    tail.addLast(line);
    if (tail.size() > TAIL_LINES) {
      tail.removeFirst();
    }
  }

  /** Ends a line left without a break, when the step completes or the output ends. */
  void flushPartialLine() {
    if (partialPrefix != null) {
      finishLine();
    }
  }

  /** Whether printing the step now would show something new. */
  boolean hasPendingOutput() {
    return !statusUpdates.isEmpty() || !warnings.isEmpty() || !pendingLines.isEmpty();
  }

  /** A step is shown once it has a name and has started, and, for a group, is no longer hidden. */
  boolean isPrintable() {
    return !name.isEmpty() && !intervals.isEmpty() && !hidden;
  }

  /** Completed when every run has stopped and no sub-task is still open. */
  boolean isComplete() {
    return !intervals.isEmpty() && !intervals.containsValue(null) && openStatuses.isEmpty();
  }

  /** The latest stop, for printing completed steps in the order they completed. */
  long lastStop() {
    return intervals.values().stream().filter(Objects::nonNull).max(Long::compare).orElse(Long.MAX_VALUE);
  }

  /** Whether the completion line for the current state is still to be printed. */
  boolean completionPending() {
    return isComplete() && !shape().equals(printedCompletion);
  }

  void markCompletionPrinted() {
    printedCompletion = shape();
  }

  /** Total running time: the sum of the merged start–stop intervals, in seconds. */
  double runningSeconds() {
    List<long[]> sorted = intervals.entrySet().stream()
        .filter(entry -> entry.getValue() != null)
        .map(entry -> new long[] {entry.getKey(), entry.getValue()})
        .sorted((a, b) -> Long.compare(a[0], b[0]))
        .toList();
    long total = 0;
    long[] current = null;
    for (long[] interval : sorted) {
      if (current == null || interval[0] > current[1]) {
        if (current != null) {
          total += current[1] - current[0];
        }
        current = interval.clone();
      } else {
        current[1] = Math.max(current[1], interval[1]);
      }
    }
    if (current != null) {
      total += current[1] - current[0];
    }
    return GoFormat.seconds(total);
  }

  String name() {
    return name;
  }

  int number() {
    return number;
  }

  void number(int number) {
    this.number = number;
  }

  boolean cached() {
    return cached;
  }

  String error() {
    return error;
  }

  /** Status updates since the last print, in first-seen order; the caller decides which to print. */
  List<VertexStatus> takeStatusUpdates() {
    List<VertexStatus> updates = List.copyOf(statusUpdates.values());
    statusUpdates.clear();
    return updates;
  }

  VertexStatus lastPrintedStatus(String id) {
    return lastPrintedStatus.get(id);
  }

  void statusPrinted(VertexStatus status) {
    lastPrintedStatus.put(status.getID(), status);
  }

  List<String> takeWarnings() {
    List<String> taken = List.copyOf(warnings);
    warnings.clear();
    return taken;
  }

  List<String> takeLines() {
    List<String> taken = List.copyOf(pendingLines);
    pendingLines.clear();
    return taken;
  }

  /** The last {@value #TAIL_LINES} log lines, including one still without its line break. */
  List<String> tail() {
    List<String> lines = new ArrayList<>(tail);
    if (partialPrefix != null) {
      lines.add(partialPrefix + " " + partialLine.toString(StandardCharsets.UTF_8));
      if (lines.size() > TAIL_LINES) {
        lines.remove(0);
      }
    }
    return lines;
  }
}
