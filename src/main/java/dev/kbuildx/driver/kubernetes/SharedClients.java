package dev.kbuildx.driver.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One Kubernetes client per kubeconfig and context in the JVM, kept open between builds. A new
 * client per build leaks on Java 17: the JDK HTTP client's selector thread only ends when the
 * client is garbage collected, whatever {@code close} does, so builds in one JVM (a reactor, a
 * Maven daemon) would add threads and file descriptors with every build. Its threads are daemon
 * threads, so a kept client never holds the JVM up. When the kubeconfig changes, the next caller
 * gets a new client and the old one closes once its last user is done.
 */
final class SharedClients {
  static final SharedClients JVM = new SharedClients();

  private final Map<String, Pooled> byRequest = new HashMap<>();

  private record Pooled(String fingerprint, SharedClient client) {}

  /**
   * A share of the client for {@code config}, built with {@code build} when there is none or the
   * kubeconfig changed since it was built.
   *
   * @param kubeconfig the kubeconfig file the user named, or null for the standard search
   * @param context the context the user named, or null
   */
  SharedClient acquire(Path kubeconfig, String context, Config config, Supplier<KubernetesClient> build) {
    String request = (kubeconfig == null ? "standard search" : kubeconfig.toAbsolutePath().normalize().toString())
        + "\n" + (context == null ? "" : context);
    String fingerprint = fingerprint(kubeconfig, config);
    SharedClient replaced = null;
    SharedClient shared;
    synchronized (this) {
      Pooled pooled = byRequest.get(request);
      if (pooled == null || !pooled.fingerprint().equals(fingerprint)) {
        replaced = pooled == null ? null : pooled.client();
        pooled = new Pooled(fingerprint, SharedClient.keptForReuse(build.get()));
        byRequest.put(request, pooled);
      }
      shared = pooled.client().acquire();
    }
    if (replaced != null) {
      replaced.retire();
    }
    return shared;
  }

  /** What the client was built from: the API server, the context, the timeout and the kubeconfig files' content. */
  private static String fingerprint(Path kubeconfig, Config config) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update((config.getMasterUrl() + "\n" + config.getCurrentContext() + "\n" + config.getNamespace() + "\n"
          + config.getRequestTimeout() + "\n")
          .getBytes(StandardCharsets.UTF_8));
      for (Path file : kubeconfigFiles(kubeconfig)) {
        digest.update(file.toString().getBytes(StandardCharsets.UTF_8));
        digest.update(content(file));
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** A file that cannot be read now counts as empty; the configuration was already loaded from it. */
  private static byte[] content(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.readAllBytes(file) : new byte[0];
    } catch (IOException e) {
      return new byte[0];
    }
  }

  private static List<Path> kubeconfigFiles(Path kubeconfig) {
    if (kubeconfig != null) {
      return List.of(kubeconfig);
    }
    Collection<String> names = Config.getKubeconfigFilenames();
    return names == null ? List.of() : names.stream().map(Path::of).toList();
  }
}
