package dev.kbuildx.driver;

import java.util.List;

/**
 * Where an image stored in a Kubernetes node's runtime is: the pod whose daemon built it, the
 * Kubernetes node that pod runs on, and the other schedulable Kubernetes nodes, which lack it.
 *
 * @param kubernetesNode null when the pod could not be read
 * @param nodesWithoutImage schedulable Kubernetes nodes whose reported images do not list it, sorted;
 *     empty when they could not be listed
 * @param notChecked why the other nodes could not be listed, null when they were
 */
public record ClusterPlacement(String namespace, String pod, String kubernetesNode, List<String> nodesWithoutImage,
    String notChecked) {
  public ClusterPlacement {
    nodesWithoutImage = List.copyOf(nodesWithoutImage);
  }
}
