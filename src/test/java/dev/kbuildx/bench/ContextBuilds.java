package dev.kbuildx.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The same build by each contender on one daemon: the generated context with {@link
 * BenchTools#dockerfile()}, no output, plain progress. kbuildx runs {@code mvn kbuildx:build} in its
 * project ({@code mvn validate} there for Maven alone); {@code buildctl} needs the daemon's address
 * and so runs only on a standing daemon.
 */
final class ContextBuilds {
  private final BenchTools tools;
  private final Path project;
  private final List<String> kbuildxOptions;
  private final String buildctlAddress;
  private final BenchTools.BuildxState buildx;
  private final String buildxBuilder;
  private final Path dockerfile;

  /**
   * @param project the kbuildx project
   * @param kbuildxOptions what {@code mvn kbuildx:build} is given beside the context, such as the endpoint
   * @param buildctlAddress the daemon for buildctl; null where buildctl cannot reach it
   * @param buildx the buildx state that holds {@code buildxBuilder}
   */
  ContextBuilds(BenchTools tools, Path project, List<String> kbuildxOptions, String buildctlAddress,
      BenchTools.BuildxState buildx, String buildxBuilder) throws IOException {
    this.tools = tools;
    this.project = project;
    this.kbuildxOptions = kbuildxOptions;
    this.buildctlAddress = buildctlAddress;
    this.buildx = buildx;
    this.buildxBuilder = buildxBuilder;
    this.dockerfile = tools.dockerfile();
  }

  /** Builds {@code tree} as {@code contender}, and checks that the run sent what {@code expected} says. */
  Measured build(Contender contender, String name, ContextTree tree, Expected expected)
      throws IOException, InterruptedException {
    String context = tree.root().toString();
    Measured run = switch (contender) {
      case MVN_VALIDATE -> tools.maven(name, project, "-q", "validate");
      case KBUILDX -> {
        List<String> arguments = new ArrayList<>(List.of("kbuildx:build"));
        arguments.addAll(kbuildxOptions);
        arguments.add("-Dkbuildx.context=" + context);
        arguments.add("-Dkbuildx.dockerfile=" + dockerfile);
        Measured built = tools.maven(name, project, arguments.toArray(String[]::new));
        checkResultFile(built);
        yield built;
      }
      case BUILDCTL -> tools.buildctl(name, buildctlAddress, "build", "--frontend", "dockerfile.v0",
          "--local", "context=" + context, "--local", "dockerfile=" + dockerfile.getParent(), "--progress", "plain");
      case BUILDX -> tools.buildx(name, buildx, "build", "--builder", buildxBuilder, "--progress", "plain",
          "-f", dockerfile.toString(), context);
    };
    if (contender != Contender.MVN_VALIDATE) {
      expected.check(run);
    }
    return run;
  }

  /** The build goal's result file must be this run's. */
  private void checkResultFile(Measured run) throws IOException {
    Path result = project.resolve("target/kbuildx/build-result.json");
    // File times may be truncated to the second.
    if (!Files.isRegularFile(result) || Files.getLastModifiedTime(result).toMillis() < run.startMillis() - 1000) {
      throw new AssertionError("kbuildx:build succeeded but wrote no " + result + "; see " + run.log());
    }
  }

  /**
   * What the daemon must have received for the context in a run, from the size it reports.
   *
   * @param minBytes at least this much
   * @param maxBytes at most this much
   * @param what the expectation in words, for the failure message
   */
  record Expected(long minBytes, long maxBytes, String what) {
    /** Anything: a warm-up that brings the daemon's copy up to date. */
    static Expected anything() {
      return new Expected(0, Long.MAX_VALUE, "anything");
    }

    /** A cold build: every file (the daemon rounds the size it prints). */
    static Expected everything(ContextTree tree) {
      return new Expected(tree.bytes() * 99 / 100, Long.MAX_VALUE, "the whole context, " + tree.bytes() + " bytes");
    }

    /** No change: the listing only, far less than the files. */
    static Expected listingOnly(ContextTree tree) {
      return new Expected(0, tree.bytes() / 2, "only the listing, less than half of " + tree.bytes() + " bytes");
    }

    /** Some files changed: those, and far less than everything. */
    static Expected changed(ContextTree tree, long changedBytes) {
      return new Expected(changedBytes * 99 / 100, tree.bytes() / 2,
          "the " + changedBytes + " bytes of the changed files, less than half of " + tree.bytes() + " bytes");
    }

    void check(Measured run) throws IOException {
      check(TimedCommands.output(run), run.log());
    }

    /** @param progress the part of the run's output that shows one build's progress */
    void check(String progress, Path log) {
      OptionalLong sent = TransferredContext.bytes(progress);
      if (sent.isEmpty() || sent.getAsLong() < minBytes || sent.getAsLong() > maxBytes) {
        throw new AssertionError("the daemon should have received " + what + " for the context, but "
            + (sent.isEmpty() ? "the progress shows no transfer" : "it received " + sent.getAsLong() + " bytes")
            + "; see " + log);
      }
    }
  }
}
