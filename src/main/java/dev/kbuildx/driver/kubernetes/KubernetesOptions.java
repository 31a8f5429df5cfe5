package dev.kbuildx.driver.kubernetes;

import java.time.Duration;
import java.util.List;
import java.util.SortedMap;

/**
 * Every option of the kubernetes driver, validated, with defaults applied. Built only through
 * {@link KubernetesOptionsBuilder}, which accepts buildx's {@code key=value} strings and the typed
 * XML forms alike. Maps are sorted so that rendering and hashing are deterministic.
 *
 * @param namespace the namespace option, or null to use the kube context's namespace
 * @param serviceAccount null when unset
 * @param schedulerName null when unset
 * @param persistentVolumeClaimStorage null unless a StatefulSet with a claim template is wanted
 * @param rootVolumeMemory null unless BuildKit's state lives in a memory-backed emptyDir
 */
public record KubernetesOptions(
    String image,
    String namespace,
    int replicas,
    ResourceQuantities requests,
    ResourceQuantities limits,
    SortedMap<String, String> nodeSelector,
    SortedMap<String, String> annotations,
    SortedMap<String, String> labels,
    List<TolerationSpec> tolerations,
    String serviceAccount,
    String schedulerName,
    Duration timeout,
    boolean rootless,
    LoadBalance loadBalance,
    boolean qemuInstall,
    String qemuImage,
    boolean defaultLoad,
    SortedMap<String, String> env,
    String persistentVolumeClaimStorage,
    String rootVolumeMemory) {

  public static final String DEFAULT_IMAGE = "moby/buildkit:buildx-stable-1";
  public static final String DEFAULT_ROOTLESS_IMAGE = "moby/buildkit:buildx-stable-1-rootless";
  public static final String DEFAULT_QEMU_IMAGE = "tonistiigi/binfmt:latest";
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

  /** True when the node runs as a StatefulSet with a PersistentVolumeClaim template. */
  public boolean persistent() {
    return persistentVolumeClaimStorage != null;
  }
}
