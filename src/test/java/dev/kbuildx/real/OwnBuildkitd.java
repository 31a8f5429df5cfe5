package dev.kbuildx.real;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A buildkitd of a test's own, from the binary {@value #BINARY_VARIABLE} (v0.24 on the realstack), so
 * that a test may kill it or give it TLS without touching the suite's shared daemon. It listens on a
 * free port of 127.0.0.1, keeps its state under the test's directory and needs root, as the realstack
 * does. Without the variable the test is skipped, and fails in CI ({@link RealStack}).
 */
final class OwnBuildkitd implements AutoCloseable {
  static final String BINARY_VARIABLE = "KBUILDX_TEST_BUILDKITD_BIN";
  private static final Duration START = Duration.ofSeconds(60);

  private final Process process;
  private final int port;
  private final Path socket;
  private final Path log;

  private OwnBuildkitd(Process process, int port, Path socket, Path log) {
    this.process = process;
    this.port = port;
    this.socket = socket;
    this.log = log;
  }

  /** A cleartext daemon. */
  static OwnBuildkitd start(Path directory) throws IOException, InterruptedException {
    return start(directory, List.of());
  }

  /** A daemon that requires TLS with its certificate and key, trusting client certificates of {@code ca}. */
  static OwnBuildkitd startTls(Path directory, Path certificate, Path key, Path ca)
      throws IOException, InterruptedException {
    return start(directory, List.of("--tlscert", certificate.toString(), "--tlskey", key.toString(),
        "--tlscacert", ca.toString()));
  }

  private static OwnBuildkitd start(Path directory, List<String> tlsFlags) throws IOException, InterruptedException {
    String binary = RealStack.require("a buildkitd binary a test may start and kill", BINARY_VARIABLE)
        .get(BINARY_VARIABLE);
    int port = freePort();
    Path log = directory.resolve("buildkitd.log");
    Path socket = directory.resolve("buildkitd.sock");
    List<String> command = new ArrayList<>(List.of(binary,
        "--root", Files.createDirectories(directory.resolve("root")).toString(),
        "--addr", "tcp://127.0.0.1:" + port, "--addr", "unix://" + socket,
        // The native snapshotter copies instead of mounting, so no mount outlives a killed daemon.
        "--oci-worker-snapshotter", "native", "--containerd-worker", "false"));
    command.addAll(tlsFlags);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    OwnBuildkitd daemon = new OwnBuildkitd(process, port, socket, log);
    daemon.awaitListening();
    return daemon;
  }

  /** The daemon's address, as users write it. */
  String address() {
    return "tcp://127.0.0.1:" + port;
  }

  /** The daemon's unix socket (it listens on both), as users write it. */
  String unixAddress() {
    return "unix://" + socket;
  }

  /** Kills the daemon at once, as the kernel's OOM killer or a crash would, and waits until it is gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("buildkitd ends after SIGKILL").isTrue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }

  private void awaitListening() throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(START);
    while (true) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        return;
      } catch (IOException notYet) {
        if (!process.isAlive() || Instant.now().isAfter(deadline)) {
          process.destroyForcibly();
          throw new IOException("buildkitd did not listen on " + address() + " within " + START.toSeconds()
              + " s; its log:\n" + Files.readString(log));
        }
        Thread.sleep(100);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
