package dev.kbuildx.driver.kubernetes;

import static dev.kbuildx.driver.kubernetes.KubernetesOptionKeys.*;

import java.util.Map;
import java.util.SortedMap;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * The options as buildx-style {@code key -> value} strings, defaults included and unset options
 * left out. The result is stored with the node and compared on update to report what changed,
 * so it is deterministic; where the syntax allows, setting it back through
 * {@link KubernetesOptionsBuilder#set} gives equal options.
 */
public final class OptionDescriptions {
  private OptionDescriptions() {}

  public static SortedMap<String, String> describe(KubernetesOptions options) {
    SortedMap<String, String> described = new TreeMap<>();
    described.put(IMAGE, options.image());
    putIfSet(described, NAMESPACE, options.namespace());
    described.put(REPLICAS, Integer.toString(options.replicas()));
    putResources(described, "requests.", options.requests());
    putResources(described, "limits.", options.limits());
    putEntries(described, NODE_SELECTOR, options.nodeSelector());
    putEntries(described, ANNOTATIONS, options.annotations());
    putEntries(described, LABELS, options.labels());
    if (!options.tolerations().isEmpty()) {
      described.put(TOLERATIONS, TolerationOptions.format(options.tolerations()));
    }
    putIfSet(described, SERVICE_ACCOUNT, options.serviceAccount());
    putIfSet(described, SCHEDULER_NAME, options.schedulerName());
    described.put(TIMEOUT, GoDuration.format(options.timeout()));
    described.put(ROOTLESS, Boolean.toString(options.rootless()));
    described.put(LOAD_BALANCE, options.loadBalance().optionValue());
    described.put(QEMU_INSTALL, Boolean.toString(options.qemuInstall()));
    described.put(QEMU_IMAGE, options.qemuImage());
    described.put(DEFAULT_LOAD, Boolean.toString(options.defaultLoad()));
    options.env().forEach((name, value) -> described.put(ENV_PREFIX + name, value));
    putIfSet(described, PERSISTENT_VOLUME_CLAIM_STORAGE, options.persistentVolumeClaimStorage());
    putIfSet(described, ROOT_VOLUME_MEMORY, options.rootVolumeMemory());
    return described;
  }

  private static void putResources(SortedMap<String, String> described, String prefix, ResourceQuantities quantities) {
    putIfSet(described, prefix + "cpu", quantities.cpu());
    putIfSet(described, prefix + "memory", quantities.memory());
    putIfSet(described, prefix + "ephemeral-storage", quantities.ephemeralStorage());
  }

  /** Sorted {@code a=1,b=2}, the form {@link KeyValueList} reads. */
  private static void putEntries(SortedMap<String, String> described, String key, Map<String, String> entries) {
    if (entries.isEmpty()) {
      return;
    }
    StringJoiner joined = new StringJoiner(",");
    new TreeMap<>(entries).forEach((name, value) -> joined.add(name + "=" + value));
    described.put(key, joined.toString());
  }

  private static void putIfSet(SortedMap<String, String> described, String key, String value) {
    if (value != null) {
      described.put(key, value);
    }
  }
}
