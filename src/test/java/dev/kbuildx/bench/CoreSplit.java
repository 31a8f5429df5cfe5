package dev.kbuildx.bench;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code -Dbench.split}: the processes that serve the builds (the API server, the kubelet,
 * containerd and its shims with every pod's processes, the standalone buildkitd) pinned to the
 * machine's last core, and every command the benchmark runs to the others, as a client stands
 * beside a cluster on other machines. On one small machine the cluster otherwise shares its cores
 * with the client, and a fresh JVM's compilers take processor time from the daemon that writes the
 * uploaded files. It uses {@code taskset} (util-linux) and needs the right to change those
 * processes; closing gives them every core again.
 */
final class CoreSplit implements AutoCloseable {
  /** The executables of the real stack that take part in a build on the server side. */
  static final Set<String> SERVER_EXECUTABLES = Set.of("kube-apiserver", "kube-controller-manager",
      "kube-scheduler", "kubelet", "etcd", "containerd", "containerd-shim-runc-v2", "buildkitd");

  private final int cores;
  private final List<ProcessHandle> pinned = new ArrayList<>();
  private boolean searchedServers;

  private CoreSplit(int cores) {
    this.cores = cores;
  }

  /** No split: commands run as given and no process is touched. */
  static CoreSplit none() {
    return new CoreSplit(0);
  }

  /** The split on this machine when {@code requested}, with every server process now running pinned. */
  static CoreSplit of(boolean requested) throws IOException {
    if (!requested) {
      return none();
    }
    CoreSplit split = across(Runtime.getRuntime().availableProcessors());
    split.searchedServers = true;
    try {
      split.pin(ProcessHandle.allProcesses().filter(CoreSplit::serves).toList());
    } catch (IOException | RuntimeException e) {
      split.close();
      throw e;
    }
    return split;
  }

  /** A split of {@code cores} cores with no process pinned yet. */
  static CoreSplit across(int cores) {
    if (cores < 2) {
      throw new IllegalStateException("-Dbench.split needs at least 2 cores; this machine has " + cores);
    }
    return new CoreSplit(cores);
  }

  /** Pins these processes, with all their threads, to the server core; {@link #close} unpins them. */
  void pin(List<ProcessHandle> processes) throws IOException {
    for (ProcessHandle process : processes) {
      taskset("-a", "-p", "-c", serverCore(), Long.toString(process.pid()));
      pinned.add(process);
    }
  }

  /** {@code command} confined to the client cores, or as it is without a split. */
  List<String> wrap(List<String> command) {
    if (cores == 0) {
      return command;
    }
    List<String> wrapped = new ArrayList<>(List.of("taskset", "-c", clientCores()));
    wrapped.addAll(command);
    return wrapped;
  }

  /** For the report: which cores did what, or that nothing was split. */
  String describe() {
    return cores == 0 ? "cluster, daemon and commands sharing every core"
        : "server processes (" + pinned.size() + ") pinned to core " + serverCore() + ", commands to cores "
            + clientCores() + " (-Dbench.split)";
  }

  @Override
  public void close() throws IOException {
    // Server processes started during the run (a new pod's shim) inherited the pinning: they are unpinned too.
    Set<ProcessHandle> unpin = new LinkedHashSet<>(pinned);
    if (searchedServers) {
      ProcessHandle.allProcesses().filter(CoreSplit::serves).forEach(unpin::add);
    }
    for (ProcessHandle process : unpin) {
      if (process.isAlive()) {
        taskset("-a", "-p", "-c", "0-" + (cores - 1), Long.toString(process.pid()));
      }
    }
    pinned.clear();
  }

  private String serverCore() {
    return Integer.toString(cores - 1);
  }

  private String clientCores() {
    return cores == 2 ? "0" : "0-" + (cores - 2);
  }

  private static boolean serves(ProcessHandle process) {
    Optional<String> command = process.info().command();
    return command.isPresent() && SERVER_EXECUTABLES.contains(Path.of(command.get()).getFileName().toString());
  }

  private static void taskset(String... arguments) throws IOException {
    List<String> command = new ArrayList<>(List.of("taskset"));
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    boolean ended;
    try {
      ended = process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while running " + String.join(" ", command));
    }
    if (!ended || process.exitValue() != 0) {
      // A process that ended meanwhile needs no pinning; any other refusal makes the split meaningless.
      if (!output.contains("No such process")) {
        throw new IOException(String.join(" ", command) + " failed: " + output);
      }
    }
  }
}
