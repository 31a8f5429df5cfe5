package dev.kbuildx.driver.kubernetes;

import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;

/**
 * Says what changed between the settings stored on a workload and the declared ones, such as
 * {@code replicas 1 -> 2, env.FOO added, labels removed}, so that an update is never silent.
 */
final class SpecDiff {
  /** Longer values (digests, toleration lists) are reported as changed without quoting them. */
  private static final int MAX_SHOWN_VALUE = 60;

  private SpecDiff() {}

  /**
   * @param storedJson the stored spec annotation, null when absent
   * @return the changes, comma-separated, or a sentence saying they are unknown
   */
  static String describe(String storedJson, SortedMap<String, String> declared) {
    SortedMap<String, String> stored = parse(storedJson);
    if (stored == null) {
      return "settings changed (the previous settings were not recorded)";
    }
    List<String> changes = new ArrayList<>();
    TreeSet<String> keys = new TreeSet<>(stored.keySet());
    keys.addAll(declared.keySet());
    for (String key : keys) {
      String before = stored.get(key);
      String after = declared.get(key);
      if (before == null) {
        changes.add(key + " added");
      } else if (after == null) {
        changes.add(key + " removed");
      } else if (!before.equals(after)) {
        changes.add(showsValues(key, before, after) ? key + " " + shown(before) + " -> " + shown(after) : key + " changed");
      }
    }
    return changes.isEmpty() ? "settings changed" : String.join(", ", changes);
  }

  /** The stored settings, or null when the annotation is absent or not a JSON object of strings. */
  static SortedMap<String, String> parse(String json) {
    if (json == null || json.isBlank()) {
      return null;
    }
    try {
      Map<String, String> parsed = Serialization.jsonMapper().readValue(json, new TypeReference<Map<String, String>>() {});
      return parsed == null ? null : new TreeMap<>(parsed);
    } catch (JacksonException e) {
      return null;
    }
  }

  private static boolean showsValues(String key, String before, String after) {
    // Environment values may be secrets and config entries are digests: name the key only.
    return !key.startsWith(KubernetesOption.ENV_PREFIX) && !key.startsWith(WorkloadRenderer.SPEC_CONFIG_PREFIX)
        && before.length() <= MAX_SHOWN_VALUE && after.length() <= MAX_SHOWN_VALUE;
  }

  private static String shown(String value) {
    return value.isEmpty() ? "\"\"" : value;
  }
}
