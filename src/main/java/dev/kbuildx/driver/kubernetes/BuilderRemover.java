package dev.kbuildx.driver.kubernetes;

import dev.kbuildx.KbuildxException;
import dev.kbuildx.progress.ProgressLog;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Deletes a builder, or one of its nodes, found by labels: workloads, ConfigMaps, and on request
 * the volume claims of persistent nodes, which buildx never deletes.
 */
public final class BuilderRemover {
  private final KubernetesClient client;
  private final ProgressLog log;

  public BuilderRemover(KubernetesClient client, ProgressLog log) {
    this.client = client;
    this.log = log;
  }

  /**
   * @param builder the lower-cased builder name
   * @param node the lower-cased node name, or null for the whole builder
   * @param removeVolumes whether the persistent volume claims (BuildKit's cache) go too
   */
  public void remove(String builder, String node, String namespace, boolean removeVolumes) {
    Map<String, String> labels = new TreeMap<>(Map.of(BuilderLabels.BUILDER, builder));
    if (node != null) {
      labels.put(BuilderLabels.NODE, node);
    }
    try {
      List<HasMetadata> workloads = Workloads.labelled(client, namespace, labels);
      List<ConfigMap> configMaps = client.configMaps().inNamespace(namespace).withLabels(labels).list().getItems();
      List<PersistentVolumeClaim> claims =
          client.persistentVolumeClaims().inNamespace(namespace).withLabels(labels).list().getItems();
      if (workloads.isEmpty() && configMaps.isEmpty() && (claims.isEmpty() || !removeVolumes)) {
        throw notFound(builder, node, namespace, claims);
      }
      workloads.forEach(this::delete);
      configMaps.forEach(this::delete);
      if (removeVolumes) {
        claims.forEach(this::delete);
      } else if (!claims.isEmpty()) {
        log.info("kept " + claims.size() + " persistent volume claims with BuildKit's cache ("
            + names(claims) + "); remove them with the removeVolumes setting");
      }
    } catch (KubernetesClientException e) {
      throw new KbuildxException("could not remove " + what(builder, node) + " in namespace \"" + namespace + "\": "
          + ApiErrors.message(client, e), e);
    }
  }

  private void delete(HasMetadata object) {
    client.resource(object).inNamespace(object.getMetadata().getNamespace()).delete();
    log.info("deleted " + object.getKind() + " \"" + object.getMetadata().getName() + "\" in namespace \""
        + object.getMetadata().getNamespace() + "\"");
  }

  private KbuildxException notFound(String builder, String node, String namespace, List<PersistentVolumeClaim> claims) {
    String volumes = claims.isEmpty() ? "" : "; only its persistent volume claims are left ("
        + names(claims) + "), which go with the removeVolumes setting";
    if (node != null) {
      List<HasMetadata> builderNodes = Workloads.labelled(client, namespace, Map.of(BuilderLabels.BUILDER, builder));
      if (!builderNodes.isEmpty()) {
        return new KbuildxException("node \"" + node + "\" of builder \"" + builder + "\" not found in namespace \""
            + namespace + "\"" + volumes + "; the builder's nodes are: " + labelValues(builderNodes, BuilderLabels.NODE));
      }
    }
    List<HasMetadata> managed = Workloads.labelled(client, namespace,
        Map.of(BuilderLabels.MANAGED_BY, BuilderLabels.MANAGED_BY_VALUE));
    String existing = managed.isEmpty()
        ? "there are no kbuildx builders in that namespace"
        : "the builders in that namespace are: " + labelValues(managed, BuilderLabels.BUILDER);
    return new KbuildxException("builder \"" + builder + "\" not found in namespace \"" + namespace + "\"" + volumes
        + "; " + existing);
  }

  private static String what(String builder, String node) {
    return node == null ? "builder \"" + builder + "\"" : "node \"" + node + "\" of builder \"" + builder + "\"";
  }

  private static String labelValues(List<HasMetadata> objects, String key) {
    return objects.stream()
        .map(o -> o.getMetadata().getLabels().get(key))
        .filter(value -> value != null)
        .collect(Collectors.toCollection(TreeSet::new))
        .stream().collect(Collectors.joining(", "));
  }

  private static String names(List<? extends HasMetadata> objects) {
    return objects.stream().map(o -> o.getMetadata().getName()).sorted(Comparator.naturalOrder())
        .collect(Collectors.joining(", "));
  }
}
