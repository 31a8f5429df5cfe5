package dev.kbuildx.bench;

import dev.kbuildx.bench.ContextBuilds.Expected;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * kbuildx's own work, apart from the start of a fresh JVM: one {@code mvn kbuildx:build} over a parent
 * project and its {@value #MODULES} modules, which all build the same context. The parent, built first,
 * pays for loading and compiling kbuildx's libraries and for the first connection; the modules after it
 * find all that done, as the modules of a user's multi-module build do. A run's figure is the median
 * of the modules' times in Maven's reactor summary.
 */
final class WarmModules {
  /** Modules beside the parent, so that a run gives several warm builds. */
  static final int MODULES = 4;

  /** {@code [INFO] module-1 ....... SUCCESS [  0.563 s]}, or {@code [01:05 min]} for a long one. */
  private static final Pattern SUMMARY_LINE = Pattern.compile(
      "^\\[INFO\\] \\S+ \\.+ SUCCESS \\[\\s*(?:(\\d+):)?([0-9.]+) (s|min)\\]", Pattern.MULTILINE);
  /** The start of the build goal in one project, where that project's progress begins. */
  private static final Pattern GOAL_START = Pattern.compile("^\\[INFO\\] --- \\S+:build \\(default-cli\\) @ \\S+ ---",
      Pattern.MULTILINE);

  private WarmModules() {}

  /**
   * The rebuild of {@code tree} with no change: kbuildx's figure from the modules of {@code reactor}
   * (a project {@link KbuildxProject} wrote with {@value #MODULES} modules), each Go client's from its
   * usual run with {@code builds}, taking turns. One untimed kbuildx run first brings the modules'
   * copies on the daemon up to date.
   */
  static void noChange(String caseName, int repeat, ContextBuilds builds, ContextBuilds reactor, ContextTree tree,
      List<Contender> goClients, SideBySideTable.Row row) throws Exception {
    reactor.build(Contender.KBUILDX, caseName + "-warm-up-kbuildx", tree, Expected.anything());
    List<Contender> contenders = new ArrayList<>(List.of(Contender.KBUILDX));
    contenders.addAll(goClients);
    Repetitions.interleave(caseName, repeat, contenders, (contender, name, repetition) -> contender == Contender.KBUILDX
        ? modulesOf(reactor.build(contender, name, tree, Expected.anything()), Expected.listingOnly(tree))
        : builds.build(contender, name, tree, Expected.listingOnly(tree)), row, null);
  }

  /**
   * The run with the median of its modules' times instead of its own, after checking that each
   * project's build sent what {@code expected} says. The JVM's counters are dropped: they cover
   * the whole run.
   */
  private static Measured modulesOf(Measured reactorRun, Expected expected) throws IOException {
    String output = TimedCommands.output(reactorRun);
    for (String projectOutput : projectOutputs(output, reactorRun)) {
      expected.check(projectOutput, reactorRun.log());
    }
    List<Double> seconds = projectSeconds(output);
    if (seconds.size() != MODULES + 1) {
      throw new AssertionError("Maven's reactor summary should list the parent and " + MODULES
          + " modules, but lists " + seconds.size() + " projects; see " + reactorRun.log());
    }
    return new Measured(SideBySideTable.median(seconds.subList(1, seconds.size())), reactorRun.peakRssBytes(),
        reactorRun.log(), reactorRun.startMillis());
  }

  /** Each successful project's seconds, in the order Maven built them. */
  static List<Double> projectSeconds(String output) {
    List<Double> seconds = new ArrayList<>();
    Matcher line = SUMMARY_LINE.matcher(output);
    while (line.find()) {
      double value = Double.parseDouble(line.group(2));
      seconds.add(line.group(3).equals("min") ? Integer.parseInt(line.group(1)) * 60 + value : value);
    }
    return seconds;
  }

  /** What each project's build goal printed, from its goal line to the next one. */
  private static List<String> projectOutputs(String output, Measured run) {
    List<Integer> starts = new ArrayList<>();
    Matcher start = GOAL_START.matcher(output);
    while (start.find()) {
      starts.add(start.start());
    }
    if (starts.size() != MODULES + 1) {
      throw new AssertionError("kbuildx:build should have run in the parent and " + MODULES + " modules, but ran "
          + starts.size() + " times; see " + run.log());
    }
    starts.add(output.length());
    List<String> outputs = new ArrayList<>();
    for (int project = 0; project < starts.size() - 1; project++) {
      outputs.add(output.substring(starts.get(project), starts.get(project + 1)));
    }
    return outputs;
  }
}
