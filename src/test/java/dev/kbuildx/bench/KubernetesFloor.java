package dev.kbuildx.bench;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The least a JVM client of Kubernetes does before it can list a builder, for the start-up case's
 * reference: from its first line, the fabric8 client (the one kbuildx must use) made from a
 * kubeconfig and one list of pods answered. No Maven and no kbuildx code run, so what it takes is
 * the cost of a fresh JVM loading fabric8, Jackson and TLS. Prints {@code answered after N ms}.
 */
public final class KubernetesFloor {
  private KubernetesFloor() {}

  /** @param arguments the kubeconfig file and a namespace */
  public static void main(String[] arguments) throws Exception {
    long started = System.nanoTime();
    Config config = Config.fromKubeconfig(Files.readString(Path.of(arguments[0])));
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
      client.pods().inNamespace(arguments[1]).list();
      System.out.println("answered after " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
    }
  }
}
