package dev.kbuildx.driver.kubernetes;

import dev.kbuildx.KbuildxException;
import dev.kbuildx.platform.Platform;
import dev.kbuildx.progress.ProgressLog;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * buildx's ownership rule for {@code append}: a platform belongs to at most one node of a
 * builder, so the platforms of an appended node are taken away from every other node. The other
 * nodes' stored platforms and settings are rewritten in the cluster, where the builder's state lives.
 */
public final class PlatformOwnership {
  private final KubernetesClient client;
  private final ProgressLog log;

  public PlatformOwnership(KubernetesClient client, ProgressLog log) {
    this.client = client;
    this.log = log;
  }

  /**
   * @param others the builder's nodes other than the appended one
   * @param taken the platforms of the appended node
   */
  public void release(List<NodeState> others, List<Platform> taken) {
    for (NodeState other : others) {
      List<Platform> remaining = other.platforms().stream().filter(p -> !taken.contains(p)).toList();
      if (remaining.size() == other.platforms().size()) {
        continue;
      }
      try {
        rewrite(other, join(remaining));
      } catch (KubernetesClientException e) {
        throw new KbuildxException("could not remove the platforms " + join(taken) + " from node " + other.node()
            + " of builder \"" + other.builder() + "\" in namespace \"" + other.namespace() + "\": "
            + ApiErrors.message(client, e), e);
      }
      List<Platform> released = other.platforms().stream().filter(taken::contains).toList();
      log.info("node " + other.node() + ": platforms " + shown(join(other.platforms())) + " -> "
          + shown(join(remaining)) + " (" + join(released) + " now belongs to the appended node)");
    }
  }

  private void rewrite(NodeState node, String platforms) {
    UnaryOperator<HasMetadata> edit = workload -> {
      ObjectMeta metadata = workload.getMetadata();
      SortedMap<String, String> spec = SpecDiff.parse(annotations(metadata).get(BuilderLabels.SPEC));
      // Without stored settings the new hash cannot match any rendering, so the next apply updates the node.
      SortedMap<String, String> updated = spec == null ? new TreeMap<>() : spec;
      updated.put(WorkloadRenderer.SPEC_PLATFORMS, platforms);
      String hash = SpecHash.of(updated);

      Map<String, String> annotations = annotations(metadata);
      setPlatformAnnotation(annotations, platforms);
      annotations.put(BuilderLabels.PLATFORMS, platforms);
      annotations.put(BuilderLabels.SPEC, Serialization.asJson(updated));
      annotations.put(BuilderLabels.SPEC_HASH, hash);
      metadata.setAnnotations(annotations);

      ObjectMeta pod = Workloads.template(workload).getMetadata();
      Map<String, String> podAnnotations = annotations(pod);
      setPlatformAnnotation(podAnnotations, platforms);
      podAnnotations.put(BuilderLabels.SPEC_HASH, hash);
      pod.setAnnotations(podAnnotations);
      return workload;
    };
    if (Workloads.STATEFUL_SET.equals(node.kind())) {
      client.apps().statefulSets().inNamespace(node.namespace()).withName(node.objectName())
          .edit(set -> (StatefulSet) edit.apply(set));
    } else {
      client.apps().deployments().inNamespace(node.namespace()).withName(node.objectName())
          .edit(deployment -> (Deployment) edit.apply(deployment));
    }
  }

  /** buildx sets its platform annotation only when the node has platforms. */
  private static void setPlatformAnnotation(Map<String, String> annotations, String platforms) {
    if (platforms.isEmpty()) {
      annotations.remove(BuilderLabels.BUILDX_PLATFORM);
    } else {
      annotations.put(BuilderLabels.BUILDX_PLATFORM, platforms);
    }
  }

  private static Map<String, String> annotations(ObjectMeta metadata) {
    return metadata.getAnnotations() == null ? new HashMap<>() : new HashMap<>(metadata.getAnnotations());
  }

  private static String join(List<Platform> platforms) {
    return platforms.stream().map(Platform::toString).collect(Collectors.joining(","));
  }

  private static String shown(String platforms) {
    return platforms.isEmpty() ? "(none)" : platforms;
  }
}
