package dev.kbuildx.bench;

import java.nio.file.Path;
import java.util.Set;

/**
 * The side-by-side benchmark's settings, from system properties: {@code -Dbench.quick} (tiny contexts,
 * one repetition: the CI run that keeps the benchmark from rotting), {@code -Dbench.repeat} (default 5,
 * or 1 when quick), {@code -Dbench.cases} ({@code tcp}, {@code cluster} or both, the default),
 * {@code -Dbench.split} (the server processes on a core of their own, {@link CoreSplit}), and what
 * the {@code benchmark} profile passes: the working folder, the plugin's version and the local
 * repository that the timed Maven runs use.
 *
 * @param quick whether the contexts are tiny
 * @param split whether the server processes get a core of their own and the commands the others
 * @param repeat how often each case runs per contender
 * @param groups the case groups to run
 * @param work the folder for contexts, projects, logs and the report
 * @param pluginVersion the kbuildx version the generated POMs use
 * @param localRepository the Maven repository the plugin was installed into; null for Maven's default
 * @param maven the Maven command
 */
record BenchSettings(boolean quick, boolean split, int repeat, Set<String> groups, Path work, String pluginVersion,
    String localRepository, String maven) {
  static final String TCP = "tcp";
  static final String CLUSTER = "cluster";
  static final String START_UP = "startup";

  static BenchSettings fromSystemProperties() {
    boolean quick = flag("bench.quick");
    int repeat = Integer.getInteger("bench.repeat", quick ? 1 : 5);
    Set<String> groups = Set.of(System.getProperty("bench.cases", TCP + "," + CLUSTER + "," + START_UP).split(","));
    for (String group : groups) {
      if (!group.equals(TCP) && !group.equals(CLUSTER) && !group.equals(START_UP)) {
        throw new IllegalArgumentException("-Dbench.cases=" + group
            + " is not a case group; use tcp, cluster, startup, or several of them separated by commas");
      }
    }
    String pluginVersion = System.getProperty("bench.pluginVersion");
    if (pluginVersion == null || pluginVersion.isBlank()) {
      throw new IllegalStateException("bench.pluginVersion is not set; run the benchmark with bash .ci/benchmark");
    }
    String localRepository = System.getProperty("bench.localRepository");
    return new BenchSettings(quick, flag("bench.split"), Math.max(1, repeat), groups,
        Path.of(System.getProperty("bench.dir", "target/benchmark")).toAbsolutePath(), pluginVersion,
        localRepository == null || localRepository.isBlank() ? null : localRepository,
        System.getProperty("bench.mvn", "mvn"));
  }

  /** A property given as {@code -Dname} or {@code -Dname=true}; absent or {@code false} is off. */
  private static boolean flag(String name) {
    String value = System.getProperty(name);
    return value != null && !value.equalsIgnoreCase("false");
  }

  boolean runs(String group) {
    return groups.contains(group);
  }

  /** A context size: the full one, or the quick one under {@code -Dbench.quick}. */
  ContextSize size(ContextSize full, ContextSize small) {
    return quick ? small : full;
  }

  /** The files and megabytes of a generated context. */
  record ContextSize(int files, long megabytes) {
    /** Such as {@code 200 MB in 20k files}. */
    String describe() {
      return volume() + " in " + files(files) + " files";
    }

    /** Such as {@code 200 MB} or {@code 1 GB}. */
    String volume() {
      return megabytes >= 1024 && megabytes % 1024 == 0 ? megabytes / 1024 + " GB" : megabytes + " MB";
    }

    private static String files(int files) {
      return files >= 1000 && files % 1000 == 0 ? files / 1000 + "k" : Integer.toString(files);
    }
  }
}
