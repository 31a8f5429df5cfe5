package dev.kbuildx.real;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The containerd of the real cluster's node, for the tests of {@code worker=containerd}: what its
 * {@code k8s.io} namespace holds, and the cleanup after a test. It runs {@code ctr} on this machine
 * against {@value RealCluster#CONTAINERD_SOCK_VARIABLE}, so it takes a node this machine is (as the
 * realstack is); BuildKit's state directories it deletes under
 * {@value RealCluster#CONTAINERD_BUILDKIT_ROOT_VARIABLE}.
 */
public final class NodeContainerd {
  private static final String NAMESPACE = "k8s.io";
  private static final Duration WAIT = Duration.ofSeconds(120);

  private final String socket;
  private final String root;
  private final Path buildkitRoot;

  private NodeContainerd(Map<String, String> values) {
    this.socket = values.get(RealCluster.CONTAINERD_SOCK_VARIABLE);
    this.root = values.get(RealCluster.CONTAINERD_ROOT_VARIABLE);
    this.buildkitRoot = Path.of(values.get(RealCluster.CONTAINERD_BUILDKIT_ROOT_VARIABLE));
  }

  public static NodeContainerd require() {
    return new NodeContainerd(RealStack.require("the real cluster's node containerd",
        RealCluster.CONTAINERD_SOCK_VARIABLE, RealCluster.CONTAINERD_ROOT_VARIABLE,
        RealCluster.CONTAINERD_BUILDKIT_ROOT_VARIABLE));
  }

  /** The socket as a path on the node, the value of the {@code containerd.socket} option. */
  public String socket() {
    return socket;
  }

  /** containerd's root on the node, the value of the {@code containerd.root} option. */
  public String root() {
    return root;
  }

  public String buildkitRoot() {
    return buildkitRoot.toString();
  }

  /** The names of the images in the {@code k8s.io} namespace. */
  public List<String> images() {
    return ctr("images", "ls", "-q").lines().map(String::trim).filter(line -> !line.isEmpty()).toList();
  }

  /** Removes the named images that exist; leaves the others alone. */
  public void removeImages(List<String> names) {
    List<String> present = new ArrayList<>(images());
    present.retainAll(names);
    if (!present.isEmpty()) {
      List<String> command = new ArrayList<>(List.of("images", "rm"));
      command.addAll(present);
      ctr(command.toArray(String[]::new));
    }
  }

  /**
   * Frees what the builder pods of {@code namespace} keep in containerd (their cache holds leases
   * there), deletes the namespace, waits for the pods to end and deletes their state directories.
   */
  public void removeBuilders(KubernetesClient client, String namespace) {
    for (Pod pod : client.pods().inNamespace(namespace).withLabel("app.kubernetes.io/managed-by", "kbuildx").list()
        .getItems()) {
      prune(client, namespace, pod.getMetadata().getName());
    }
    client.namespaces().withName(namespace).delete();
    client.pods().inNamespace(namespace).withLabel("app.kubernetes.io/managed-by", "kbuildx")
        .waitUntilCondition(pod -> pod == null, WAIT.toSeconds(), TimeUnit.SECONDS);
    deleteTree(buildkitRoot.resolve(namespace));
  }

  private static void prune(KubernetesClient client, String namespace, String pod) {
    ByteArrayOutputStream ignored = new ByteArrayOutputStream();
    try (ExecWatch exec = client.pods().inNamespace(namespace).withName(pod).inContainer("buildkitd")
        .writingOutput(ignored).writingError(ignored).exec("buildctl", "prune", "--all")) {
      exec.exitCode().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      // A pod that does not run has nothing to free; its namespace goes anyway.
    }
  }

  private static void deleteTree(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete BuildKit's state " + directory, e);
    }
  }

  private String ctr(String... args) {
    List<String> command = new ArrayList<>(List.of("ctr", "--address", socket, "--namespace", NAMESPACE));
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new AssertionError(String.join(" ", command) + " failed: " + output);
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run ctr (the containerd package has it) for " + socket, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted: " + String.join(" ", command), e);
    }
  }
}
