package dev.kbuildx.bench;

import dev.kbuildx.bench.BenchSettings.ContextSize;
import dev.kbuildx.bench.ContextBuilds.Expected;
import dev.kbuildx.bench.SideBySideTable.Unit;
import dev.kbuildx.real.RealBuildkit;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The cases on the standing daemon (the realstack's standalone buildkitd over tcp): kbuildx with
 * {@code -Dkbuildx.endpoint}, {@code buildctl --addr} and buildx with a {@code remote} builder on the
 * same address. Rebuilds with no change and with changed files, a cold upload with the peak memory
 * of each client, and a cold upload of a five times larger context for memory alone.
 */
final class TcpCases {
  private static final int CHANGED_FILES = 10;
  private static final String BUILDX_BUILDER = "bench-tcp";
  private static final List<Contender> CONTENDERS =
      List.of(Contender.KBUILDX, Contender.MVN_VALIDATE, Contender.BUILDCTL, Contender.BUILDX);

  private final BenchTools tools;
  private final BenchSettings settings;
  private final String address;
  private final LongSupplier freshContent;

  /** @param freshContent a new content variant per call, see {@link ContextTree#touch(int, long)} */
  TcpCases(BenchTools tools, RealBuildkit daemon, LongSupplier freshContent) {
    this.tools = tools;
    this.settings = tools.settings();
    this.address = daemon.address();
    this.freshContent = freshContent;
  }

  void run(SideBySideTable table) throws Exception {
    Path project = KbuildxProject.write(settings.work().resolve("projects/tcp"), settings.pluginVersion(), "");
    BenchTools.BuildxState buildx = new BenchTools.BuildxState(settings.work().resolve("buildx/tcp"), null);
    try {
      tools.buildx("tcp-buildx-create", buildx, "create", "--name", BUILDX_BUILDER, "--driver", "remote", address);
      ContextBuilds builds = new ContextBuilds(tools, project, List.of("-Dkbuildx.endpoint=" + address), address,
          buildx, BUILDX_BUILDER);
      ContextSize usual = settings.size(new ContextSize(20_000, 200), new ContextSize(200, 2));
      ContextTree tree = tools.context(usual);
      try {
        noChange(builds, tree, table);
        noChangeInWarmJvm(builds, buildx, tree, table);
        changedFiles(builds, tree, table);
        cold(builds, tree, usual, table, 5, 8, "cold upload, " + usual.describe(), "≤ 1.0× buildctl",
            "peak RSS, " + usual.volume() + " cold", "–");
      } finally {
        tree.restore(CHANGED_FILES);
      }
      ContextSize large = settings.size(new ContextSize(20_000, 1024), new ContextSize(200, 20));
      ContextTree largeTree = tools.context(large);
      try {
        cold(builds, largeTree, large, table, 9, 10, "cold upload, " + large.describe(), "–",
            "peak RSS, " + large.volume() + " cold", "kbuildx ≤ its " + usual.volume() + " peak");
      } finally {
        largeTree.restore(CHANGED_FILES);
      }
    } finally {
      buildx.delete();
    }
  }

  private void noChange(ContextBuilds builds, ContextTree tree, SideBySideTable table) throws Exception {
    // Untimed: each client's copy on the daemon is brought up to the tree as it is now.
    for (Contender contender : CONTENDERS) {
      if (contender != Contender.MVN_VALIDATE) {
        builds.build(contender, "tcp-no-change-warm-up-" + contender.name().toLowerCase(Locale.ROOT), tree, Expected.anything());
      }
    }
    Repetitions.interleave("tcp-no-change", settings.repeat(), CONTENDERS,
        (contender, name, repetition) -> builds.build(contender, name, tree, Expected.listingOnly(tree)),
        table.add(3, "rebuild, nothing changed, tcp daemon", "≤ 1.0× buildctl", Unit.SECONDS), null);
  }

  /** The same rebuild as the modules of one Maven run: kbuildx's work once its JVM has started. */
  private void noChangeInWarmJvm(ContextBuilds builds, BenchTools.BuildxState buildx, ContextTree tree,
      SideBySideTable table) throws Exception {
    Path modules = KbuildxProject.write(settings.work().resolve("projects/tcp-modules"), settings.pluginVersion(), "",
        WarmModules.MODULES);
    ContextBuilds reactor = new ContextBuilds(tools, modules, List.of("-Dkbuildx.endpoint=" + address), address, buildx,
        BUILDX_BUILDER);
    WarmModules.noChange("tcp-no-change-modules", settings.repeat(), builds, reactor, tree,
        List.of(Contender.BUILDCTL, Contender.BUILDX), table.add(15, "reference: no change, tcp daemon, in a warm JVM "
            + "(modules built after their parent in one `mvn` run)", "kbuildx's work without the JVM's start", Unit.SECONDS));
  }

  /** Each run finds the same files changed, with content the daemon has never seen, so that COPY runs. */
  private void changedFiles(ContextBuilds builds, ContextTree tree, SideBySideTable table) throws Exception {
    Repetitions.interleave("tcp-changed", settings.repeat(), CONTENDERS, (contender, name, repetition) -> {
      long changed = contender == Contender.MVN_VALIDATE ? 0 : tree.touch(CHANGED_FILES, freshContent.getAsLong());
      return builds.build(contender, name, tree, Expected.changed(tree, changed));
    }, table.add(4, "rebuild, " + CHANGED_FILES + " files changed", "≤ 1.0× buildctl", Unit.SECONDS), null);
  }

  /**
   * Before each run the daemon's copies of all build contexts are pruned, so the whole context is
   * sent, and some files get new content, so that COPY runs too rather than hitting the cache.
   */
  private void cold(ContextBuilds builds, ContextTree tree, ContextSize size, SideBySideTable table, int position,
      int memoryPosition, String label, String target, String memoryLabel, String memoryTarget) throws Exception {
    SideBySideTable.Row time = table.add(position, label, target, Unit.SECONDS);
    SideBySideTable.Row memory = table.add(memoryPosition, memoryLabel, memoryTarget, Unit.MEGABYTES);
    String caseName = "tcp-cold-" + size.megabytes() + "mb";
    Repetitions.interleave(caseName, settings.repeat(), CONTENDERS, (contender, name, repetition) -> {
      if (contender != Contender.MVN_VALIDATE) {
        tools.buildctl("tcp-prune", address, "prune", "--filter", "type==source.local");
        tree.touch(CHANGED_FILES, freshContent.getAsLong());
      }
      return builds.build(contender, name, tree, Expected.everything(tree));
    }, time, memory);
  }
}
