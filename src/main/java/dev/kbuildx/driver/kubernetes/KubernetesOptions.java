package dev.kbuildx.driver.kubernetes;

import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Every option of the kubernetes driver, validated, with defaults applied: one value per
 * {@link KubernetesOption} row. Built only through {@link KubernetesOptionsBuilder}, which accepts
 * buildx's {@code key=value} strings and the typed XML forms alike. Maps are sorted so that
 * rendering and hashing are deterministic. The named accessors are shorthands of {@link #get}.
 */
public final class KubernetesOptions {
  public static final String DEFAULT_IMAGE = "moby/buildkit:buildx-stable-1";
  public static final String DEFAULT_ROOTLESS_IMAGE = "moby/buildkit:buildx-stable-1-rootless";
  public static final String DEFAULT_QEMU_IMAGE = "tonistiigi/binfmt:latest";
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
  public static final String DEFAULT_CONTAINERD_SOCKET = "/run/containerd/containerd.sock";
  public static final String DEFAULT_CONTAINERD_ROOT = "/var/lib/containerd";
  public static final String DEFAULT_CONTAINERD_BUILDKIT_ROOT = "/var/lib/buildkit";

  /** Values by row; null values (unset options) included. */
  private final Map<KubernetesOption<?>, Object> values;

  KubernetesOptions(Map<KubernetesOption<?>, Object> values) {
    this.values = Collections.unmodifiableMap(new HashMap<>(values));
  }

  /** The value of one option; null when an option without a default is unset. */
  @SuppressWarnings("unchecked")
  public <T> T get(KubernetesOption<T> option) {
    // The builder stores for each row only what the row's parser returned.
    return (T) values.get(option);
  }

  public String image() {
    return get(KubernetesOption.IMAGE);
  }

  /** The namespace option, or null to use the kube context's namespace. */
  public String namespace() {
    return get(KubernetesOption.NAMESPACE);
  }

  public int replicas() {
    return get(KubernetesOption.REPLICAS);
  }

  public ResourceQuantities requests() {
    return new ResourceQuantities(get(KubernetesOption.REQUESTS_CPU), get(KubernetesOption.REQUESTS_MEMORY),
        get(KubernetesOption.REQUESTS_EPHEMERAL_STORAGE));
  }

  public ResourceQuantities limits() {
    return new ResourceQuantities(get(KubernetesOption.LIMITS_CPU), get(KubernetesOption.LIMITS_MEMORY),
        get(KubernetesOption.LIMITS_EPHEMERAL_STORAGE));
  }

  public SortedMap<String, String> nodeSelector() {
    return get(KubernetesOption.NODE_SELECTOR);
  }

  public SortedMap<String, String> annotations() {
    return get(KubernetesOption.ANNOTATIONS);
  }

  public SortedMap<String, String> labels() {
    return get(KubernetesOption.LABELS);
  }

  public List<TolerationSpec> tolerations() {
    return get(KubernetesOption.TOLERATIONS);
  }

  /** Null when unset. */
  public String serviceAccount() {
    return get(KubernetesOption.SERVICE_ACCOUNT);
  }

  /** Null when unset. */
  public String schedulerName() {
    return get(KubernetesOption.SCHEDULER_NAME);
  }

  public Duration timeout() {
    return get(KubernetesOption.TIMEOUT);
  }

  public boolean rootless() {
    return get(KubernetesOption.ROOTLESS);
  }

  public LoadBalance loadBalance() {
    return get(KubernetesOption.LOAD_BALANCE);
  }

  public boolean qemuInstall() {
    return get(KubernetesOption.QEMU_INSTALL);
  }

  public String qemuImage() {
    return get(KubernetesOption.QEMU_IMAGE);
  }

  public boolean defaultLoad() {
    return get(KubernetesOption.DEFAULT_LOAD);
  }

  public Worker worker() {
    return get(KubernetesOption.WORKER);
  }

  /** True when the node's pods build with the Kubernetes node's containerd. */
  public boolean containerdWorker() {
    return worker() == Worker.CONTAINERD;
  }

  public String containerdSocket() {
    return orDefault(KubernetesOption.CONTAINERD_SOCKET, DEFAULT_CONTAINERD_SOCKET);
  }

  public String containerdRoot() {
    return orDefault(KubernetesOption.CONTAINERD_ROOT, DEFAULT_CONTAINERD_ROOT);
  }

  public String containerdBuildkitRoot() {
    return orDefault(KubernetesOption.CONTAINERD_BUILDKIT_ROOT, DEFAULT_CONTAINERD_BUILDKIT_ROOT);
  }

  /** The containerd paths stay unset unless the user sets them, so that an oci node's stored spec does not list them. */
  private String orDefault(KubernetesOption<String> option, String defaultValue) {
    String value = get(option);
    return value == null ? defaultValue : value;
  }

  public SortedMap<String, String> env() {
    return get(KubernetesOption.ENV);
  }

  /** Null unless a StatefulSet with a claim template is wanted. */
  public String persistentVolumeClaimStorage() {
    return get(KubernetesOption.PERSISTENT_VOLUME_CLAIM_STORAGE);
  }

  /** Null unless BuildKit's state lives in a memory-backed emptyDir. */
  public String rootVolumeMemory() {
    return get(KubernetesOption.ROOT_VOLUME_MEMORY);
  }

  /** True when the node runs as a StatefulSet with a PersistentVolumeClaim template. */
  public boolean persistent() {
    return persistentVolumeClaimStorage() != null;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof KubernetesOptions options && values.equals(options.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return OptionDescriptions.describe(this).toString();
  }
}
