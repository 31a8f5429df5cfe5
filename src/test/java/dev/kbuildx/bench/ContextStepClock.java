package dev.kbuildx.bench;

import dev.kbuildx.progress.ProgressLog;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a build's plain progress for the daemon's own timing of the step that receives the context
 * ({@code [internal] load build context}): the upload without the session set-up, the Dockerfile and
 * the {@code COPY} around it. Warnings are printed; the rest of the progress is not.
 */
final class ContextStepClock implements ProgressLog {
  private static final Pattern STEP = Pattern.compile("#(\\d+) \\[internal\\] load build context");
  private static final Pattern DONE = Pattern.compile("#(\\d+) DONE (\\d+(?:\\.\\d+)?)s");

  private String contextStep;
  private volatile double seconds = Double.NaN;

  /** Seconds the context step took, as the daemon reported them; empty if it reported none. */
  OptionalDouble seconds() {
    return Double.isNaN(seconds) ? OptionalDouble.empty() : OptionalDouble.of(seconds);
  }

  @Override
  public synchronized void info(String message) {
    Matcher step = STEP.matcher(message);
    if (step.matches()) {
      contextStep = step.group(1);
      return;
    }
    Matcher done = DONE.matcher(message);
    if (done.matches() && done.group(1).equals(contextStep)) {
      seconds = Double.parseDouble(done.group(2));
    }
  }

  @Override
  public void warn(String message) {
    System.out.println("build warning: " + message);
  }

  @Override
  public void debug(String message) {
    // Debug detail of the client is not part of the figures.
  }
}
