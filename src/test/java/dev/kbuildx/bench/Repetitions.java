package dev.kbuildx.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Runs a case's contenders in turn, {@code repeat} times, each repetition starting with the next
 * contender, so that neither a drifting machine load nor the order favours one of them. Each run is
 * printed as it ends.
 */
final class Repetitions {
  /** One contender's run in a case: any untimed preparation, then the timed command. */
  @FunctionalInterface
  interface Turn {
    Measured run(Contender contender, String name, int repetition) throws Exception;
  }

  private Repetitions() {}

  /**
   * Runs the case and adds each run's seconds to {@code time} and, when not null, its peak RSS to
   * {@code memory}.
   */
  static void interleave(String caseName, int repeat, List<Contender> contenders, Turn turn,
      SideBySideTable.Row time, SideBySideTable.Row memory) throws Exception {
    for (int repetition = 0; repetition < repeat; repetition++) {
      List<Contender> order = new ArrayList<>(contenders);
      Collections.rotate(order, -(repetition % contenders.size()));
      for (Contender contender : order) {
        String name = caseName + "-" + (repetition + 1) + "-" + contender.name().toLowerCase(Locale.ROOT);
        Measured run = turn.run(contender, name, repetition);
        time.add(contender, run.seconds());
        if (run.jvm() != null) {
          time.addJvm(contender, run.jvm());
        }
        if (memory != null) {
          memory.add(contender, run.peakRssBytes());
        }
        System.out.printf(Locale.ROOT, "%-24s %-13s %7.2f s %7.0f MB peak RSS%n", caseName + " " + (repetition + 1)
            + "/" + repeat, contender.label(), run.seconds(), run.peakRssBytes() / 1024.0 / 1024.0);
      }
    }
  }
}
