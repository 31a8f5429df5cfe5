package dev.kbuildx.driver.kubernetes;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.platform.Platform;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads builders back from the cluster: every Deployment and StatefulSet kbuildx manages is a
 * node, described by its labels and annotations. There is no local store, so every machine sees
 * the same builders.
 */
public final class BuilderInventory {
  private static final Comparator<NodeState> ORDER = Comparator.comparing(NodeState::builder)
      .thenComparing(NodeState::namespace)
      .thenComparing(NodeState::node);

  private final KubernetesClient client;

  public BuilderInventory(KubernetesClient client) {
    this.client = client;
  }

  /** Every node of every builder, in one namespace or (null) in all namespaces. */
  public List<NodeState> nodes(String namespace) {
    return read(namespace, Map.of(BuilderLabels.MANAGED_BY, BuilderLabels.MANAGED_BY_VALUE));
  }

  /** The nodes of one builder (its lower-cased name), in one namespace or (null) in all of them. */
  public List<NodeState> builder(String builder, String namespace) {
    return read(namespace, Map.of(
        BuilderLabels.MANAGED_BY, BuilderLabels.MANAGED_BY_VALUE, BuilderLabels.BUILDER, builder));
  }

  private List<NodeState> read(String namespace, Map<String, String> labels) {
    return Workloads.labelled(client, namespace, labels).stream()
        .filter(workload -> label(workload, BuilderLabels.BUILDER) != null)
        .map(this::state)
        .sorted(ORDER)
        .toList();
  }

  private NodeState state(HasMetadata workload) {
    String namespace = workload.getMetadata().getNamespace();
    String name = workload.getMetadata().getName();
    String node = label(workload, BuilderLabels.NODE);
    return new NodeState(
        label(workload, BuilderLabels.BUILDER),
        node == null ? name : node,
        namespace,
        Workloads.kind(workload),
        name,
        platforms(annotation(workload, BuilderLabels.PLATFORMS)),
        Workloads.replicas(workload),
        Workloads.readyReplicas(workload),
        spec(annotation(workload, BuilderLabels.SPEC)),
        pods(namespace, name));
  }

  private List<PodState> pods(String namespace, String object) {
    return client.pods().inNamespace(namespace).withLabel(BuilderLabels.APP, object).list().getItems().stream()
        .sorted(Comparator.comparing(pod -> pod.getMetadata().getName()))
        .map(BuilderInventory::podState)
        .toList();
  }

  private static PodState podState(Pod pod) {
    return new PodState(
        pod.getMetadata().getName(),
        pod.getStatus() == null ? null : pod.getStatus().getPhase(),
        NotReadyDiagnosis.isReady(pod),
        pod.getMetadata().getDeletionTimestamp() != null);
  }

  /** A hand-edited annotation that no longer parses is shown as no declared platforms. */
  private static List<Platform> platforms(String annotation) {
    try {
      return Platform.parseList(annotation, BuilderLabels.PLATFORMS);
    } catch (InvalidSettingException e) {
      return List.of();
    }
  }

  private static SortedMap<String, String> spec(String annotation) {
    SortedMap<String, String> spec = SpecDiff.parse(annotation);
    return spec == null ? new TreeMap<>() : spec;
  }

  private static String label(HasMetadata object, String key) {
    Map<String, String> labels = object.getMetadata().getLabels();
    return labels == null ? null : labels.get(key);
  }

  private static String annotation(HasMetadata object, String key) {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(key);
  }
}
