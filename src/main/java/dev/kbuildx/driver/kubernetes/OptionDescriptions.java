package dev.kbuildx.driver.kubernetes;

import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The options as buildx-style {@code key -> value} strings, defaults included and unset options
 * left out, each written by its {@link KubernetesOption} row. The result is stored with the node
 * and compared on update to report what changed, so it is deterministic; where the syntax allows,
 * setting it back through {@link KubernetesOptionsBuilder#set} gives equal options.
 */
public final class OptionDescriptions {
  private OptionDescriptions() {}

  public static SortedMap<String, String> describe(KubernetesOptions options) {
    SortedMap<String, String> described = new TreeMap<>();
    KubernetesOption.ALL.forEach(option -> option.describe(options.get(option), described));
    return described;
  }
}
