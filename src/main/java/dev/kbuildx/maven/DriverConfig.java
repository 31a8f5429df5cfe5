package dev.kbuildx.maven;

import dev.kbuildx.driver.kubernetes.KubernetesOptionsBuilder;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Typed XML form of the kubernetes driver options of one node, {@code <driver>} inside
 * {@code <node>}. Each element matches one buildx {@code --driver-opt} key; values are checked by
 * the same rules as the CSV form. Maps whose keys contain {@code /} use Maven's properties form:
 * {@code <nodeSelector><property><name>kubernetes.io/arch</name><value>arm64</value></property></nodeSelector>}.
 */
public class DriverConfig {
  /** BuildKit image ({@code image}); defaults to {@code moby/buildkit:buildx-stable-1}. */
  private String image;

  /** Namespace of the node's objects ({@code namespace}); defaults to the kube context's. */
  private String namespace;

  /** Number of BuildKit pods ({@code replicas}); defaults to 1. */
  private String replicas;

  /** Resource requests of the buildkitd container ({@code requests.*}). */
  private ResourcesConfig requests;

  /** Resource limits of the buildkitd container ({@code limits.*}). */
  private ResourcesConfig limits;

  /** Pod node selector ({@code nodeselector}). */
  private Properties nodeSelector;

  /** Extra annotations on the workload, pods and ConfigMaps ({@code annotations}). */
  private Properties annotations;

  /** Extra labels on the workload and pods ({@code labels}). */
  private Properties labels;

  /** Pod tolerations ({@code tolerations}). */
  private List<TolerationConfig> tolerations;

  /** Service account of the pods ({@code serviceaccount}). */
  private String serviceAccount;

  /** Scheduler of the pods ({@code schedulername}). */
  private String schedulerName;

  /** How long bootstrap waits for ready pods, as a Go duration ({@code timeout}); defaults to 120s. */
  private String timeout;

  /** Run BuildKit unprivileged ({@code rootless}). */
  private String rootless;

  /** Pod choice per connection, {@code sticky} or {@code random} ({@code loadbalance}). */
  private String loadBalance;

  /** QEMU emulators installed by an init container ({@code qemu.install}, {@code qemu.image}). */
  private QemuConfig qemu;

  /** Load builds without outputs into the local Docker Engine ({@code default-load}). */
  private String defaultLoad;

  /** Environment of the buildkitd container ({@code env.NAME}). */
  private Map<String, String> env;

  /** Size of a PersistentVolumeClaim for BuildKit's state; makes the node a StatefulSet. */
  private String persistentVolumeClaimStorage;

  /** Size of a memory-backed volume for BuildKit's state ({@code buildkit-root-volume-memory}). */
  private String buildkitRootVolumeMemory;

  /** Applies every element that is set, on top of what {@code options} already holds. */
  void applyTo(KubernetesOptionsBuilder options) {
    set(options, "image", image);
    set(options, "namespace", namespace);
    set(options, "replicas", replicas);
    if (requests != null) {
      set(options, "requests.cpu", requests.getCpu());
      set(options, "requests.memory", requests.getMemory());
      set(options, "requests.ephemeral-storage", requests.getEphemeralStorage());
    }
    if (limits != null) {
      set(options, "limits.cpu", limits.getCpu());
      set(options, "limits.memory", limits.getMemory());
      set(options, "limits.ephemeral-storage", limits.getEphemeralStorage());
    }
    if (nodeSelector != null) {
      options.nodeSelector(toMap(nodeSelector));
    }
    if (annotations != null) {
      options.annotations(toMap(annotations));
    }
    if (labels != null) {
      options.labels(toMap(labels));
    }
    if (tolerations != null) {
      options.tolerations(tolerations.stream().map(TolerationConfig::toRawSpec).toList());
    }
    set(options, "serviceaccount", serviceAccount);
    set(options, "schedulername", schedulerName);
    set(options, "timeout", timeout);
    set(options, "rootless", rootless);
    set(options, "loadbalance", loadBalance);
    if (qemu != null) {
      set(options, "qemu.install", qemu.getInstall());
      set(options, "qemu.image", qemu.getImage());
    }
    set(options, "default-load", defaultLoad);
    if (env != null) {
      options.env(env);
    }
    set(options, "persistent-volume-claim.requests.storage", persistentVolumeClaimStorage);
    set(options, "buildkit-root-volume-memory", buildkitRootVolumeMemory);
  }

  private static void set(KubernetesOptionsBuilder options, String key, String value) {
    if (value != null) {
      options.set(key, value.trim());
    }
  }

  private static Map<String, String> toMap(Properties properties) {
    Map<String, String> map = new TreeMap<>();
    properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
    return map;
  }
}
