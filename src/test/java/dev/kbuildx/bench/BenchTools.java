package dev.kbuildx.bench;

import dev.kbuildx.real.RealGoClients;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The programs of the side-by-side benchmark as a user starts them: a fresh {@code mvn} per run
 * (batch mode, offline so that no run waits on a remote repository, with the local repository the
 * plugin was installed into), {@code buildctl}, {@code docker-buildx} with a state folder of its own,
 * and {@code kubectl}; and the generated contexts and Dockerfile they build.
 */
final class BenchTools {
  private static final String DOCKERFILE = "FROM scratch\nCOPY . /ctx/\n";

  private final BenchSettings settings;
  private final RealGoClients go;
  private final TimedCommands commands;

  BenchTools(BenchSettings settings, RealGoClients go, CoreSplit split) throws IOException {
    this.settings = settings;
    this.go = go;
    this.commands = new TimedCommands(settings.work().resolve("logs"), split);
  }

  BenchSettings settings() {
    return settings;
  }

  /**
   * {@code mvn} in {@code project} with {@code arguments} (goals and options), with the counters
   * of Maven's JVM ({@link JvmCounters}) saved at its exit, after any {@code MAVEN_OPTS} of the caller.
   */
  Measured maven(String name, Path project, String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(settings.maven(), "-B", "-o"));
    if (settings.localRepository() != null) {
      command.add("-Dmaven.repo.local=" + settings.localRepository());
    }
    command.addAll(List.of(arguments));
    Path counters = commands.file(name + ".hsperf");
    Files.deleteIfExists(counters);
    String callersOptions = System.getenv().getOrDefault("MAVEN_OPTS", "");
    Measured run = commands.run(name, command, project,
        Map.of("MAVEN_OPTS", (callersOptions + " " + JvmCounters.saveOptions(counters)).strip()));
    return run.withJvm(JvmCounters.read(counters));
  }

  /** A class of the benchmark's own classpath in a fresh JVM: {@code java -cp <this classpath> arguments}. */
  Measured java(String name, List<String> arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path")));
    command.addAll(arguments);
    return commands.run(name, command, settings.work(), Map.of());
  }

  /** {@code buildctl --addr address arguments}. */
  Measured buildctl(String name, String address, String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(go.buildctl().toString(), "--addr", address));
    command.addAll(List.of(arguments));
    return commands.run(name, command, settings.work(), Map.of());
  }

  /** {@code docker-buildx arguments} with the state in {@code state}. */
  Measured buildx(String name, BuildxState state, String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(go.buildx().toString()));
    command.addAll(List.of(arguments));
    return commands.run(name, command, settings.work(), state.environment());
  }

  /** {@code kubectl arguments} as the admin of {@code kubeconfig}. */
  Measured kubectl(String name, Path kubeconfig, String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(go.kubectl().toString()));
    command.addAll(List.of(arguments));
    return commands.run(name, command, settings.work(), Map.of("KUBECONFIG", kubeconfig.toString()));
  }

  /** The generated context of {@code size}, written on first use and reused by later runs. */
  ContextTree context(BenchSettings.ContextSize size) throws IOException {
    Path root = settings.work().resolve("contexts").resolve(size.files() + "-files-" + size.megabytes() + "-mb");
    System.out.println("preparing the context " + size.describe() + " in " + root);
    return ContextTree.prepare(root, size.files(), size.megabytes());
  }

  /** {@code FROM scratch} + {@code COPY . /ctx/}: with no output, a build is mostly the upload. */
  Path dockerfile() throws IOException {
    Path dockerfile = settings.work().resolve("dockerfile").resolve("Dockerfile");
    Files.createDirectories(dockerfile.getParent());
    return Files.writeString(dockerfile, DOCKERFILE);
  }

  /** First lines of the Go clients' version output, for the report. */
  String goVersions() throws IOException, InterruptedException {
    String buildctl = TimedCommands.output(commands.run("version-buildctl",
        List.of(go.buildctl().toString(), "--version"), settings.work(), Map.of())).strip();
    String buildx = TimedCommands.output(commands.run("version-buildx",
        List.of(go.buildx().toString(), "version"), settings.work(), Map.of())).strip();
    return buildctl + "; " + buildx;
  }

  /** The first line of {@code mvn -v}, for the report. */
  String mavenVersion() throws IOException, InterruptedException {
    String output = TimedCommands.output(commands.run("version-maven", List.of(settings.maven(), "-v"),
        settings.work(), Map.of()));
    return output.replaceAll("\u001B\\[[0-9;]*m", "").lines().findFirst().orElse("unknown").strip();
  }

  /**
   * A buildx state folder of the benchmark's own ({@code DOCKER_CONFIG} and {@code BUILDX_CONFIG}),
   * so that its builders never mix with the user's, and the kubeconfig of its Kubernetes builders.
   */
  record BuildxState(Path directory, Path kubeconfig) {
    Map<String, String> environment() {
      return kubeconfig == null
          ? Map.of("DOCKER_CONFIG", directory.resolve("docker").toString(),
              "BUILDX_CONFIG", directory.resolve("buildx").toString())
          : Map.of("DOCKER_CONFIG", directory.resolve("docker").toString(),
              "BUILDX_CONFIG", directory.resolve("buildx").toString(), "KUBECONFIG", kubeconfig.toString());
    }

    /** Deletes the folder and the builders recorded in it (their workloads are the caller's). */
    void delete() throws IOException {
      ContextTree.deleteRecursively(directory);
    }
  }
}
