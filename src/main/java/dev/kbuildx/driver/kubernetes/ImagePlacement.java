package dev.kbuildx.driver.kubernetes;

import dev.kbuildx.driver.ClusterPlacement;
import io.fabric8.kubernetes.api.model.ContainerImage;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Finds the Kubernetes node of the pod whose daemon stored an image in its node's containerd, and
 * the other nodes a workload could be scheduled on that do not list the image among the images
 * their kubelet reports. Listing nodes needs a cluster-wide right that a namespaced Role cannot
 * grant, so a refusal only leaves those nodes unchecked.
 */
final class ImagePlacement {
  /** Taints that keep an ordinary workload off a node. */
  private static final Set<String> BLOCKING_EFFECTS = Set.of("NoSchedule", "NoExecute");

  private ImagePlacement() {}

  static ClusterPlacement find(KubernetesClient client, String namespace, String pod, Collection<String> images) {
    String node;
    try {
      Pod found = client.pods().inNamespace(namespace).withName(pod).get();
      node = found == null || found.getSpec() == null ? null : found.getSpec().getNodeName();
    } catch (KubernetesClientException e) {
      return new ClusterPlacement(namespace, pod, null, List.of(),
          "cannot read pod " + pod + " in namespace " + namespace + ": " + ApiErrors.message(client, e));
    }
    try {
      List<String> without = client.nodes().list().getItems().stream()
          .filter(other -> !other.getMetadata().getName().equals(node))
          .filter(ImagePlacement::schedulable)
          .filter(other -> !holds(other, images))
          .map(other -> other.getMetadata().getName())
          .sorted()
          .toList();
      return new ClusterPlacement(namespace, pod, node, without, null);
    } catch (KubernetesClientException e) {
      return new ClusterPlacement(namespace, pod, node, List.of(),
          "cannot list the cluster's nodes: " + ApiErrors.message(client, e));
    }
  }

  private static boolean schedulable(Node node) {
    if (node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable())) {
      return false;
    }
    List<Taint> taints = node.getSpec() == null || node.getSpec().getTaints() == null ? List.of()
        : node.getSpec().getTaints();
    if (taints.stream().anyMatch(taint -> BLOCKING_EFFECTS.contains(taint.getEffect()))) {
      return false;
    }
    List<NodeCondition> conditions = node.getStatus() == null || node.getStatus().getConditions() == null
        ? List.of() : node.getStatus().getConditions();
    return conditions.stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static boolean holds(Node node, Collection<String> images) {
    List<ContainerImage> reported = node.getStatus() == null || node.getStatus().getImages() == null ? List.of()
        : node.getStatus().getImages();
    return reported.stream().map(ContainerImage::getNames).filter(Objects::nonNull).flatMap(List::stream)
        .anyMatch(images::contains);
  }
}
