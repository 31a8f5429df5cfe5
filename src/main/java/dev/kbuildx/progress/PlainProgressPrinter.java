package dev.kbuildx.progress;

import com.google.protobuf.Timestamp;
import dev.kbuildx.buildkit.proto.control.StatusResponse;
import dev.kbuildx.buildkit.proto.control.Vertex;
import dev.kbuildx.buildkit.proto.control.VertexLog;
import dev.kbuildx.buildkit.proto.control.VertexStatus;
import dev.kbuildx.buildkit.proto.control.VertexWarning;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes {@code Control/Status} updates to a {@link ProgressLog} the way BuildKit's
 * {@code --progress=plain} does: numbered steps, their sub-tasks, log lines with time
 * offsets, warnings, and {@code CACHED}, {@code DONE <s>}, {@code ERROR: ...} or {@code CANCELED}.
 *
 * <p>Updates are incremental, may repeat and may arrive out of order; they are merged per vertex
 * before anything is printed. Unlike buildkit's printer this one has no timers: each update is
 * printed when it arrives (completed steps first), which keeps the output of a CI log
 * deterministic. Only a bounded tail of each step's log is kept, for {@link #failure}. Log lines
 * are printed as the daemon sent them; the daemon masks secrets, nothing is added here.
 */
public final class PlainProgressPrinter {
  private static final double MIN_PROGRESS_DELTA = 0.05;
  private static final long MIN_TIME_DELTA_NANOS = 5_000_000_000L;
  private static final String CANCELED_SUFFIX = "context canceled";

  private final ProgressLog log;
  /** Vertex digest → its step; members of a progress group map to the group's step. */
  private final Map<String, ProgressStep> byDigest = new HashMap<>();
  private final Map<String, ProgressStep> groups = new HashMap<>();
  /** Every step in the order it first appeared. */
  private final Set<ProgressStep> steps = new LinkedHashSet<>();
  private ProgressStep current;
  private int lastNumber;
  private boolean printedAny;

  public PlainProgressPrinter(ProgressLog log) {
    this.log = log;
  }

  /** Merges and prints one update of the status stream. */
  public synchronized void accept(StatusResponse response) {
    Set<ProgressStep> touched = new LinkedHashSet<>();
    for (Vertex vertex : response.getVertexesList()) {
      ProgressStep step = mergeVertex(vertex);
      if (step != null) {
        touched.add(step);
      }
    }
    for (VertexStatus status : response.getStatusesList()) {
      ProgressStep step = step(status.getVertex());
      step.addStatus(status);
      touched.add(step);
    }
    for (VertexWarning warning : response.getWarningsList()) {
      ProgressStep step = step(warning.getVertex());
      step.addWarning(warning.getShort().toStringUtf8());
      touched.add(step);
    }
    for (VertexLog entry : response.getLogsList()) {
      ProgressStep step = step(entry.getVertex());
      step.addLog(entry.getMsg().toByteArray(), nanos(entry.getTimestamp()));
      touched.add(step);
    }
    print(touched);
  }

  /** Prints what is left when the status stream has ended: log lines that never got their line break. */
  public synchronized void finish() {
    Set<ProgressStep> unprinted = new LinkedHashSet<>();
    for (ProgressStep step : steps) {
      step.flushPartialLine();
      if (step.hasPendingOutput()) {
        unprinted.add(step);
      }
    }
    print(unprinted);
  }

  /**
   * The step that failed: the one with digest {@code vertexDigest} when the daemon's error names
   * it and it is known, otherwise the first step that reported an error other than a cancellation.
   */
  public synchronized Optional<BuildFailure> failure(String vertexDigest) {
    ProgressStep failed = vertexDigest == null ? null : byDigest.get(vertexDigest);
    if (failed == null) {
      failed = steps.stream()
          .filter(step -> !step.error().isEmpty() && !step.error().endsWith(CANCELED_SUFFIX))
          .findFirst().orElse(null);
    }
    if (failed == null) {
      return Optional.empty();
    }
    return Optional.of(new BuildFailure(failed.number(), failed.name(), failed.error(), failed.tail()));
  }

  private ProgressStep mergeVertex(Vertex vertex) {
    Long started = vertex.hasStarted() ? nanos(vertex.getStarted()) : null;
    Long completed = vertex.hasCompleted() ? nanos(vertex.getCompleted()) : null;
    if (vertex.hasProgressGroup() && !vertex.getProgressGroup().getId().isEmpty()) {
      ProgressStep group = groups.computeIfAbsent(vertex.getProgressGroup().getId(),
          id -> remember(ProgressStep.group(vertex.getProgressGroup().getName())));
      byDigest.put(vertex.getDigest(), group);
      boolean changed = group.updateMember(vertex.getDigest(), started, completed, vertex.getCached(),
          vertex.getError(), vertex.getProgressGroup().getWeak());
      return changed ? group : null;
    }
    ProgressStep step = step(vertex.getDigest());
    boolean changed = step.updateVertex(vertex.getName(), started, completed, vertex.getCached(), vertex.getError());
    return changed ? step : null;
  }

  /** The step of a digest; a status or log may come before its vertex, which then fills in the name. */
  private ProgressStep step(String digest) {
    return byDigest.computeIfAbsent(digest, d -> remember(ProgressStep.vertex()));
  }

  private ProgressStep remember(ProgressStep step) {
    steps.add(step);
    return step;
  }

  /** Completed steps first, in the order they completed, then the current one, then others. */
  private void print(Set<ProgressStep> touched) {
    List<ProgressStep> completed = new ArrayList<>();
    List<ProgressStep> running = new ArrayList<>();
    for (ProgressStep step : touched) {
      if (step.isPrintable()) {
        (step.isComplete() ? completed : running).add(step);
      }
    }
    completed.sort(Comparator.comparingLong(ProgressStep::lastStop));
    ProgressStep previous = current;
    if (completed.remove(previous)) {
      completed.add(0, previous);
    }
    if (running.remove(previous)) {
      running.add(0, previous);
    }
    completed.forEach(this::printStep);
    running.forEach(this::printStep);
  }

  private void printStep(ProgressStep step) {
    if (step.number() == 0) {
      step.number(++lastNumber);
    }
    String prefix = prefix(step);
    if (step != current) {
      if (current != null) {
        log.info(prefix(current) + "...");
      }
      if (printedAny) {
        log.info("");
      }
      printedAny = true;
      log.info(prefix + step.name());
    }
    for (VertexStatus status : step.takeStatusUpdates()) {
      if (!throttled(step, status)) {
        step.statusPrinted(status);
        log.info(prefix + statusLine(status));
      }
    }
    step.takeWarnings().forEach(warning -> log.info(prefix + "WARN: " + warning));
    if (step.isComplete()) {
      step.flushPartialLine();
    }
    step.takeLines().forEach(line -> log.info(prefix + line));
    current = step.isComplete() ? null : step;
    if (step.completionPending()) {
      log.info(prefix + completionLine(step));
      step.markCompletionPrinted();
    }
  }

  private static String prefix(ProgressStep step) {
    return "#" + step.number() + " ";
  }

  /** buildkit skips an update that moved less than 5 % and came less than 5 s after the last printed one. */
  private static boolean throttled(ProgressStep step, VertexStatus status) {
    VertexStatus last = step.lastPrintedStatus(status.getID());
    if (last == null || status.hasCompleted()) {
      return false;
    }
    double progress = status.getTotal() > 0
        ? (double) (status.getCurrent() - last.getCurrent()) / status.getTotal() : 0;
    long elapsed = nanos(status.getTimestamp()) - nanos(last.getTimestamp());
    return progress < MIN_PROGRESS_DELTA && elapsed < MIN_TIME_DELTA_NANOS;
  }

  private static String statusLine(VertexStatus status) {
    StringBuilder line = new StringBuilder(status.getID());
    if (status.getTotal() != 0) {
      line.append(' ').append(GoFormat.bytes(status.getCurrent()))
          .append(" / ").append(GoFormat.bytes(status.getTotal()));
    } else if (status.getCurrent() != 0) {
      line.append(' ').append(GoFormat.bytes(status.getCurrent()));
    }
    if (status.hasStarted()) {
      long end = nanos(status.hasCompleted() ? status.getCompleted() : status.getTimestamp());
      double seconds = GoFormat.seconds(end - nanos(status.getStarted()));
      if (seconds > 0.01) {
        line.append(' ').append(GoFormat.fixed(seconds, 1)).append('s');
      }
    }
    if (status.hasCompleted()) {
      line.append(" done");
    }
    return line.toString();
  }

  private static String completionLine(ProgressStep step) {
    if (!step.error().isEmpty()) {
      return step.error().endsWith(CANCELED_SUFFIX) ? "CANCELED" : "ERROR: " + step.error();
    }
    if (step.cached()) {
      return "CACHED";
    }
    return "DONE " + GoFormat.fixed(step.runningSeconds(), 1) + "s";
  }

  private static long nanos(Timestamp timestamp) {
    return timestamp.getSeconds() * 1_000_000_000L + timestamp.getNanos();
  }
}
