package dev.kbuildx.bench;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The least a JVM client does to move a build context into a BuildKit pod, for the reference of the
 * cold upload through a pod: from its first line, the fabric8 client (the one kbuildx must use) made
 * from a kubeconfig, the builder's pod found, one exec started in it, and every file of the context
 * read and written to the exec's stdin, until the pod has counted all the bytes ({@code head -c N |
 * wc -c}). No Maven, no gRPC, no BuildKit session and no file listing run, so what it takes is a fresh
 * JVM loading fabric8 and TLS and pushing the context's bytes through the API server's WebSocket.
 * Prints {@code answered after N ms}.
 *
 * <p>The exec has no flow control of its own, and fabric8's JDK WebSocket refuses a write while the
 * previous one is still in the socket ("could not send"), so a run can fail when the pod reads more
 * slowly than the bytes come; the benchmark then runs it again. kbuildx's uploads are bounded by the
 * session's HTTP/2 windows instead.
 */
public final class ExecUploadFloor {
  private static final int CHUNK = 32 * 1024;

  private ExecUploadFloor() {}

  /** @param arguments the kubeconfig file, the builder's namespace and the context directory */
  public static void main(String[] arguments) throws Exception {
    long started = System.nanoTime();
    List<Path> files = files(Path.of(arguments[2]));
    long total = 0;
    for (Path file : files) {
      total += Files.size(file);
    }
    Config config = Config.fromKubeconfig(Files.readString(Path.of(arguments[0])));
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
      Pod pod = client.pods().inNamespace(arguments[1]).list().getItems().stream()
          .filter(candidate -> "Running".equals(candidate.getStatus().getPhase())).findFirst()
          .orElseThrow(() -> new IllegalStateException("no running pod in namespace " + arguments[1]));
      try (ExecWatch exec = client.pods().inNamespace(arguments[1]).withName(pod.getMetadata().getName())
          .inContainer("buildkitd").redirectingInput().redirectingOutput()
          .exec("sh", "-c", "head -c " + total + " | wc -c")) {
        send(files, exec.getInput());
        String counted = new String(exec.getOutput().readAllBytes(), StandardCharsets.US_ASCII).trim();
        if (!counted.equals(Long.toString(total))) {
          throw new IllegalStateException("the pod counted " + counted + " bytes of " + total);
        }
      }
    }
    System.out.println("answered after " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
  }

  private static List<Path> files(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths.filter(Files::isRegularFile).sorted().toList();
    }
  }

  private static void send(List<Path> files, OutputStream stdin) throws IOException {
    byte[] buffer = new byte[CHUNK];
    for (Path file : files) {
      try (InputStream in = Files.newInputStream(file)) {
        for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
          stdin.write(buffer, 0, read);
        }
      }
    }
    stdin.flush();
  }
}
