package dev.kbuildx.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The machine a benchmark ran on, from /proc: cores, CPU model, memory and the load average. */
final class MachineDescription {
  private MachineDescription() {}

  /** Such as {@code 2 cores (AMD EPYC), 23.5 GB RAM}. */
  static String hardware() {
    List<String> cpu = lines(Path.of("/proc/cpuinfo"));
    long cores = cpu.stream().filter(line -> line.startsWith("processor")).count();
    String model = cpu.stream().filter(line -> line.startsWith("model name")).findFirst()
        .map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse("unknown model");
    double memoryGb = lines(Path.of("/proc/meminfo")).stream().filter(line -> line.startsWith("MemTotal:"))
        .findFirst().map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0).orElse(0.0);
    return String.format(Locale.ROOT, "%d cores (%s), %.1f GB RAM",
        cores > 0 ? cores : Runtime.getRuntime().availableProcessors(), model, memoryGb);
  }

  /** The 1, 5 and 15 minute load averages. */
  static String loadAverage() {
    List<String> load = lines(Path.of("/proc/loadavg"));
    if (load.isEmpty()) {
      return "unknown";
    }
    String[] fields = load.get(0).split(" ");
    return fields.length < 3 ? load.get(0) : fields[0] + " " + fields[1] + " " + fields[2];
  }

  /** The JDK of this JVM, which the timed Maven runs use too unless JAVA_HOME says otherwise. */
  static String jdk() {
    return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      return List.of();
    }
  }
}
