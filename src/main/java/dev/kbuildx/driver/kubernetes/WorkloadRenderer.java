package dev.kbuildx.driver.kubernetes;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.SettingKey;
import dev.kbuildx.platform.Platform;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Renders a node into the Kubernetes objects buildx would create (a Deployment, or a StatefulSet
 * for persistent nodes, plus ConfigMaps), with the builder's state added as labels and annotations
 * and buildx's rendering bugs fixed.
 */
public final class WorkloadRenderer {
  static final String APPARMOR_ANNOTATION = "container.apparmor.security.beta.kubernetes.io/" + PodTemplateRenderer.CONTAINER;
  /** The StatefulSet controller labels pods with {@code <name>-<10 char hash>}, which must fit in 63 characters. */
  private static final int MAX_STATEFUL_SET_NAME = 52;


  /** Keys of the spec map beside the driver options: platforms, flags and one digest per config file. */
  static final String SPEC_PLATFORMS = "platforms";
  static final String SPEC_BUILDKITD_FLAGS = "buildkitd-flags";
  static final String SPEC_CONFIG_PREFIX = "config.";

  private WorkloadRenderer() {}

  /**
   * @param builder the lower-cased builder name
   * @param namespace the target namespace, or null to leave it out of the metadata (dry run)
   */
  public static RenderedNode render(String builder, NodeSpec node, String namespace) {
    KubernetesOptions options = node.options();
    String object = BuilderNames.objectName(node.name());
    if (options.persistent()) {
      checkStatefulSetName(node.name(), object);
    }

    SortedMap<String, String> spec = spec(node);
    String specHash = SpecHash.of(spec);

    SortedMap<String, String> owner = ownerLabels(builder, node);
    // Custom labels cannot use our keys (KubernetesOptionsBuilder rejects them).
    SortedMap<String, String> labels = new TreeMap<>(options.labels());
    labels.putAll(owner);
    labels.put(BuilderLabels.APP, object);

    SortedMap<String, String> shared = sharedAnnotations(node);
    SortedMap<String, String> podAnnotations = new TreeMap<>(shared);
    // On the pod template too, so that any declared change rolls the pods.
    podAnnotations.put(BuilderLabels.SPEC_HASH, specHash);
    SortedMap<String, String> workloadAnnotations = new TreeMap<>(podAnnotations);
    workloadAnnotations.put(BuilderLabels.PLATFORMS, platforms(node.platforms()));
    workloadAnnotations.put(BuilderLabels.SPEC, Serialization.asJson(spec));

    List<ConfigMapRenderer.MountedConfigMap> mounted =
        ConfigMapRenderer.render(object, namespace, node.config(), owner, shared);
    PodTemplateSpec template =
        PodTemplateRenderer.render(options, object, node.buildkitdFlags(), mounted, labels, podAnnotations);
    ObjectMeta metadata = new ObjectMetaBuilder()
        .withName(object)
        .withNamespace(namespace)
        .withLabels(labels)
        .withAnnotations(workloadAnnotations)
        .build();
    // Only the app label selects: the selector is immutable, custom labels may change later.
    Map<String, String> selector = Map.of(BuilderLabels.APP, object);
    HasMetadata workload = options.persistent()
        ? statefulSet(metadata, selector, template, options, owner)
        : new DeploymentBuilder()
            .withMetadata(metadata)
            .withNewSpec()
            .withReplicas(options.replicas())
            .withNewSelector().withMatchLabels(selector).endSelector()
            .withStrategy(options.containerdWorker() ? recreate() : null)
            .withTemplate(template)
            .endSpec()
            .build();
    List<ConfigMap> configMaps = mounted.stream().map(ConfigMapRenderer.MountedConfigMap::configMap).toList();
    return new RenderedNode(builder, node, namespace, workload, configMaps, spec, specHash);
  }

  /**
   * The node's declared settings as stored in the spec annotation: the driver options, platforms,
   * buildkitd flags and a digest of each config file (contents stay out of annotations).
   */
  static SortedMap<String, String> spec(NodeSpec node) {
    SortedMap<String, String> spec = new TreeMap<>(OptionDescriptions.describe(node.options()));
    spec.put(SPEC_PLATFORMS, platforms(node.platforms()));
    spec.put(SPEC_BUILDKITD_FLAGS, String.join(" ", node.buildkitdFlags()));
    node.config().files().forEach((path, content) -> spec.put(SPEC_CONFIG_PREFIX + path, SpecHash.sha256(content)));
    return spec;
  }

  /** The labels that let ls and rm find every object of a node, including claims and ConfigMaps. */
  private static SortedMap<String, String> ownerLabels(String builder, NodeSpec node) {
    SortedMap<String, String> labels = new TreeMap<>();
    labels.put(BuilderLabels.MANAGED_BY, BuilderLabels.MANAGED_BY_VALUE);
    labels.put(BuilderLabels.BUILDER, builder);
    labels.put(BuilderLabels.NODE, node.name());
    return labels;
  }

  /** buildx's annotations, found on the workload, the pod template and the ConfigMaps. */
  private static SortedMap<String, String> sharedAnnotations(NodeSpec node) {
    SortedMap<String, String> annotations = new TreeMap<>(node.options().annotations());
    if (!node.platforms().isEmpty()) {
      annotations.put(BuilderLabels.BUILDX_PLATFORM, platforms(node.platforms()));
    }
    if (node.options().rootless()) {
      annotations.put(APPARMOR_ANNOTATION, "unconfined");
    }
    return annotations;
  }

  private static String platforms(List<Platform> platforms) {
    return platforms.stream().map(Platform::toString).collect(Collectors.joining(","));
  }

  /**
   * A containerd node's pod keeps its state in a directory of the Kubernetes node, which buildkitd
   * locks: a rolling update's new pod could never start beside the old one.
   */
  private static DeploymentStrategy recreate() {
    return new DeploymentStrategyBuilder().withType("Recreate").build();
  }

  private static void checkStatefulSetName(String node, String object) {
    if (object.length() > MAX_STATEFUL_SET_NAME) {
      throw InvalidSettingException.setting(SettingKey.NODE.key(), node,
          "a persistent node runs as a StatefulSet, whose name may have at most " + MAX_STATEFUL_SET_NAME
              + " characters; \"" + object + "\" has " + object.length());
    }
  }

  private static HasMetadata statefulSet(
      ObjectMeta metadata,
      Map<String, String> selector,
      PodTemplateSpec template,
      KubernetesOptions options,
      Map<String, String> owner) {
    return new StatefulSetBuilder()
        .withMetadata(metadata)
        .withNewSpec()
        .withReplicas(options.replicas())
        .withServiceName(PodTemplateRenderer.STATE_VOLUME)
        .withPodManagementPolicy("Parallel")
        .withNewSelector().withMatchLabels(selector).endSelector()
        .withTemplate(template)
        .addNewVolumeClaimTemplate()
        .withNewMetadata().withName(PodTemplateRenderer.STATE_VOLUME).withLabels(owner).endMetadata()
        .withNewSpec()
        .withAccessModes("ReadWriteOnce")
        .withNewResources()
        .addToRequests("storage", new Quantity(options.persistentVolumeClaimStorage()))
        .endResources()
        .endSpec()
        .endVolumeClaimTemplate()
        .endSpec()
        .build();
  }
}
