package dev.kbuildx.bench;

import dev.kbuildx.real.RealBuildkit;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plugin's start-up on the standing daemon: from the goal's first line to the connection to the
 * daemon, read from a {@code -X} run with timestamps ({@code kbuildx goal started} and {@code
 * Connected to ... }), beside the reference of a bare JVM's first gRPC call ({@link GrpcFloor}). The
 * connection is made once the first request was answered, so the figure is an upper bound of the
 * time to the first request.
 */
final class StartUpCase {
  private static final Pattern STARTED = Pattern.compile("(?m)^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) \\[DEBUG\\] kbuildx goal started$");
  private static final Pattern CONNECTED = Pattern.compile("(?m)^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) \\[DEBUG\\] Connected to ");
  private static final Pattern ANSWERED = Pattern.compile("(?m)^answered after (\\d+) ms$");

  private final BenchTools tools;
  private final String address;
  private final Path kubeconfig;

  /** @param kubeconfig the real cluster's, for the Kubernetes reference; null to leave it out */
  StartUpCase(BenchTools tools, RealBuildkit daemon, Path kubeconfig) {
    this.tools = tools;
    this.address = daemon.address();
    this.kubeconfig = kubeconfig;
  }

  void run(SideBySideTable table) throws Exception {
    BenchSettings settings = tools.settings();
    Path project = KbuildxProject.write(settings.work().resolve("projects/start-up"), settings.pluginVersion(), "");
    // The first request goes out before the context is read, so a small one does.
    ContextTree tree = tools.context(new BenchSettings.ContextSize(200, 2));
    Path dockerfile = tools.dockerfile();
    SideBySideTable.Row plugin = table.add(11, "plugin start-up: goal's first line → connected, tcp daemon",
        "≤ 0.30 s", SideBySideTable.Unit.SECONDS);
    SideBySideTable.Row floor = table.add(12, "reference: a bare JVM's first gRPC call (Netty) answered",
        "the floor of the row above", SideBySideTable.Unit.SECONDS);
    SideBySideTable.Row kubernetes = kubeconfig == null ? null : table.add(13,
        "reference: a bare JVM's first fabric8 call (kubeconfig, list pods) answered",
        "the floor of the Kubernetes goals' start-up", SideBySideTable.Unit.SECONDS);
    int repeat = tools.settings().repeat();
    for (int repetition = 1; repetition <= repeat; repetition++) {
      Measured debug = tools.maven("start-up-" + repetition + "-kbuildx", project, "-X", "kbuildx:build",
          "-Dkbuildx.endpoint=" + address, "-Dkbuildx.context=" + tree.root(), "-Dkbuildx.dockerfile=" + dockerfile,
          "-Dorg.slf4j.simpleLogger.showDateTime=true", "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS");
      double pluginSeconds = secondsBetween(TimedCommands.output(debug), debug.log());
      plugin.add(Contender.KBUILDX, pluginSeconds);
      Measured bare = tools.java("start-up-" + repetition + "-floor", List.of(GrpcFloor.class.getName(), address));
      double floorSeconds = answered(TimedCommands.output(bare), bare.log());
      floor.add(Contender.KBUILDX, floorSeconds);
      if (kubernetes != null) {
        Measured listed = tools.java("start-up-" + repetition + "-kubernetes",
            List.of(KubernetesFloor.class.getName(), kubeconfig.toString(), "kube-system"));
        kubernetes.add(Contender.KBUILDX, answered(TimedCommands.output(listed), listed.log()));
      }
      System.out.printf("start-up %d/%d        kbuildx %.2f s, bare JVM %.2f s%n", repetition, repeat,
          pluginSeconds, floorSeconds);
    }
  }

  static double secondsBetween(String output, Path log) {
    LocalTime started = time(STARTED.matcher(output), "kbuildx goal started", log);
    LocalTime connected = time(CONNECTED.matcher(output), "Connected to", log);
    return Duration.between(started, connected).toMillis() / 1000.0;
  }

  static double answered(String output, Path log) {
    Matcher matcher = ANSWERED.matcher(output);
    if (!matcher.find()) {
      throw new AssertionError("the bare JVM printed no \"answered after\" line; see " + log);
    }
    return Long.parseLong(matcher.group(1)) / 1000.0;
  }

  private static LocalTime time(Matcher matcher, String line, Path log) {
    if (!matcher.find()) {
      throw new AssertionError("the -X run printed no \"" + line + "\" debug line; see " + log);
    }
    return LocalTime.parse(matcher.group(1));
  }
}
