package dev.kbuildx.maven;

import dev.kbuildx.driver.kubernetes.KubernetesOption;
import dev.kbuildx.driver.kubernetes.KubernetesOptionsBuilder;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Typed XML form of the kubernetes driver options of one node, {@code <driver>} inside
 * {@code <node>}. Each element is the one a {@link KubernetesOption} row names; values are checked
 * by the same rules as the CSV form; Maven binds XML only to fields, so a new option needs its field
 * here. Maps whose keys contain {@code /} use Maven's properties form:
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

  /**
   * Applies every element that is set, on top of what {@code options} already holds. Each
   * {@link KubernetesOption} row names its element; the field of that name (nested for
   * {@code <requests><cpu>} and the like) holds the value, as Maven bound it.
   */
  void applyTo(KubernetesOptionsBuilder options) {
    for (KubernetesOption<?> option : KubernetesOption.ALL) {
      Object value = valueAt(this, option.elementPath());
      if (value != null) {
        options.setTyped(option, typed(value));
      }
    }
  }

  /** The value at {@code path} below {@code config}; null when an element on the way is absent. */
  static Object valueAt(Object config, List<String> path) {
    Object value = config;
    for (int i = 0; i < path.size() && value != null; i++) {
      value = read(value, path.get(i));
    }
    return value;
  }

  private static Object read(Object config, String element) {
    try {
      Field field = config.getClass().getDeclaredField(element);
      field.setAccessible(true);
      return field.get(config);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(config.getClass().getSimpleName() + " has no field for <" + element + ">", e);
    }
  }

  /** The core's form of a bound value: trimmed text, a map of entries or the raw tolerations. */
  private static Object typed(Object value) {
    if (value instanceof String text) {
      return text.trim();
    }
    if (value instanceof Properties properties) {
      Map<String, String> map = new TreeMap<>();
      properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
      return map;
    }
    if (value instanceof List<?> tolerations) {
      return tolerations.stream().map(toleration -> ((TolerationConfig) toleration).toRawSpec()).toList();
    }
    return value;
  }
}
