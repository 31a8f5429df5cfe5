package dev.kbuildx.progress;

import java.util.List;

/**
 * The step a build failed in, as the progress output showed it.
 *
 * @param number the step's {@code #N}, or 0 when it was never printed
 * @param name the step's name, e.g. {@code [2/3] RUN make}
 * @param error the daemon's error for the step, empty when the step itself reported none
 * @param lastLines its last log lines, each {@code <seconds> <text>} as printed
 */
public record BuildFailure(int number, String name, String error, List<String> lastLines) {
  public BuildFailure {
    lastLines = List.copyOf(lastLines);
  }
}
