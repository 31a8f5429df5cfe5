package dev.kbuildx.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where a short JVM run's time goes besides its own work: classes loaded, the time spent loading
 * them (of it, verifying their bytecode) and the time the JIT compilers spent compiling. The JVM
 * keeps these counters for {@code jstat}; {@link #saveOptions} makes it write them to a file when it
 * exits, and {@link #read} reads that file with the JDK's {@code jstat}.
 *
 * @param classes classes loaded
 * @param loadingSeconds time spent loading, linking and initialising classes
 * @param verifyingSeconds the part of it spent verifying bytecode
 * @param compilingSeconds time the JIT's compiler threads spent compiling
 */
record JvmCounters(long classes, double loadingSeconds, double verifyingSeconds, double compilingSeconds) {
  private static final long JSTAT_TIMEOUT_SECONDS = 60;

  /** The JVM options that save the counters to {@code file} at exit. */
  static String saveOptions(Path file) {
    return "-XX:+UsePerfData -XX:+PerfDataSaveToFile -XX:PerfDataSaveFile=" + file;
  }

  /** The counters a JVM saved to {@code file}, or null when it saved none (it did not exit normally). */
  static JvmCounters read(Path file) throws IOException, InterruptedException {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    Path jstat = Path.of(System.getProperty("java.home"), "bin", "jstat");
    Path output = Files.createTempFile("jstat", ".txt");
    try {
      Process process = new ProcessBuilder(List.of(jstat.toString(), "-J-Djstat.showUnsupported=true", "-snap",
          file.toUri().toString())).redirectErrorStream(true).redirectOutput(output.toFile()).start();
      if (!process.waitFor(JSTAT_TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new AssertionError("jstat could not read " + file + ": " + Files.readString(output));
      }
      return parse(Files.readString(output, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(output);
    }
  }

  /** The counters of a {@code jstat -snap} listing ({@code name=value} lines, times in ticks). */
  static JvmCounters parse(String snapshot) {
    Map<String, String> values = new HashMap<>();
    snapshot.lines().map(line -> line.split("=", 2)).filter(pair -> pair.length == 2)
        .forEach(pair -> values.put(pair[0].strip(), pair[1].strip()));
    double ticksPerSecond = number(values, "sun.os.hrt.frequency");
    return new JvmCounters((long) number(values, "java.cls.loadedClasses"),
        number(values, "sun.cls.time") / ticksPerSecond,
        number(values, "sun.cls.classVerifyTime") / ticksPerSecond,
        number(values, "java.ci.totalTime") / ticksPerSecond);
  }

  private static double number(Map<String, String> values, String name) {
    String value = values.get(name);
    if (value == null) {
      throw new AssertionError("jstat listed no counter " + name + " (another JDK's jstat?)");
    }
    return Double.parseDouble(value);
  }
}
