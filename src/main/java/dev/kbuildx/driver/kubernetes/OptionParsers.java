package dev.kbuildx.driver.kubernetes;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.options.GoDuration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/** The checks of the kubernetes driver options' values, used by the rows of {@link KubernetesOption}. */
final class OptionParsers {
  private OptionParsers() {}

  /** Empty means unset, so that a later option can clear an earlier one. */
  static String quantity(String key, String value) {
    return value.isEmpty() ? null : Quantities.check(key, value);
  }

  static String namespace(String key, String value) {
    if (!KubernetesNames.isDnsLabel(value)) {
      throw InvalidSettingException.driverOption(key, value,
          "a namespace must be " + KubernetesNames.DNS_LABEL_RULE
              + " (leave the option out to use the kube context's namespace)");
    }
    return value;
  }

  static String subdomain(String key, String value) {
    if (value.isEmpty()) {
      return null;
    }
    if (!KubernetesNames.isDnsSubdomain(value)) {
      throw InvalidSettingException.driverOption(key, value, "the name must be " + KubernetesNames.DNS_SUBDOMAIN_RULE);
    }
    return value;
  }

  static int replicas(String key, String value) {
    String accepted = "a whole number of pods, at least 1, is expected (for example 1 or 3)";
    if (!value.matches("[+-]?[0-9]+")) {
      throw InvalidSettingException.driverOption(key, value, accepted);
    }
    int replicas;
    try {
      replicas = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw InvalidSettingException.driverOption(key, value, "the number is out of range; " + accepted);
    }
    if (replicas < 1) {
      throw InvalidSettingException.driverOption(key, value,
          "a builder without pods can never become ready; " + accepted);
    }
    return replicas;
  }

  static Duration timeout(String key, String value) {
    Duration parsed = GoDuration.parse(key, value);
    if (parsed.isZero() || parsed.isNegative()) {
      throw InvalidSettingException.driverOption(key, value,
          "a positive duration such as 2m or 90s is expected; to not wait for the builder to become ready,"
              + " set -Dkbuildx.bootstrap=false instead");
    }
    return parsed;
  }

  static LoadBalance loadBalance(String key, String value) {
    for (LoadBalance candidate : LoadBalance.values()) {
      if (candidate.optionValue().equals(value)) {
        return candidate;
      }
    }
    throw InvalidSettingException.driverOption(key, value, "accepted: sticky or random (lower case)");
  }

  static Worker worker(String key, String value) {
    for (Worker candidate : Worker.values()) {
      if (candidate.optionValue().equals(value)) {
        return candidate;
      }
    }
    throw InvalidSettingException.driverOption(key, value, "accepted: oci (BuildKit's own worker) or containerd"
        + " (the Kubernetes node's containerd), lower case");
  }

  /**
   * A path on the Kubernetes node, mounted at the same path in the pod: containerd resolves the paths
   * BuildKit hands it on the node, so they must be equal, hence absolute.
   */
  static String nodePath(String key, String value) {
    if (value.isEmpty()) {
      return null;
    }
    if (!value.startsWith("/") || value.contains("//") || Arrays.asList(value.split("/")).contains("..")
        || Arrays.asList(value.split("/")).contains(".")) {
      throw InvalidSettingException.driverOption(key, value, "a path on the Kubernetes node must be absolute and"
          + " plain (no . or .. segments), because the pod mounts it at the same path; for example "
          + KubernetesOptions.DEFAULT_CONTAINERD_SOCKET);
    }
    return value.length() > 1 && value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
  }

  /** Adds {@code env.<NAME>=value} to the variables set so far. */
  static SortedMap<String, String> envEntry(String key, String value, SortedMap<String, String> current) {
    SortedMap<String, String> env = new TreeMap<>(current);
    env.put(envName(key.substring(KubernetesOption.ENV_PREFIX.length()), value), value);
    return frozen(env);
  }

  /** Variable names (without {@code env.}) to values; null values are empty. */
  static SortedMap<String, String> env(Map<?, ?> variables) {
    SortedMap<String, String> checked = new TreeMap<>();
    variables.forEach((name, value) -> {
      String text = value == null ? "" : value.toString();
      checked.put(envName(Objects.requireNonNull(name, "variable name").toString(), text), text);
    });
    return frozen(checked);
  }

  private static String envName(String name, String value) {
    if (name.isEmpty()) {
      throw InvalidSettingException.driverOption(KubernetesOption.ENV_PREFIX, value,
          "the variable name is missing; accepted: env.<NAME>=value, for example env.BUILDKIT_STEP_LOG_MAX_SIZE=10485760");
    }
    if (!KubernetesNames.isEnvName(name)) {
      throw InvalidSettingException.driverOption(KubernetesOption.ENV_PREFIX + name, value,
          "\"" + name + "\" is not accepted as a name; it must be " + KubernetesNames.ENV_NAME_RULE);
    }
    return name;
  }

  static SortedMap<String, String> entries(KeyValueOption option, String value) {
    LinkedHashMap<String, String> entries = KeyValueList.parse(option.optionKey(), value);
    entries.forEach((key, entryValue) -> option.rejection(key, entryValue).ifPresent(reason -> {
      throw InvalidSettingException.driverOption(option.optionKey(), value, reason);
    }));
    return frozen(new TreeMap<>(entries));
  }

  /** The typed form of a map option; keys and values are checked as in the string form. */
  static SortedMap<String, String> entries(KeyValueOption option, Map<?, ?> entries) {
    SortedMap<String, String> checked = new TreeMap<>();
    entries.forEach((key, entryValue) -> {
      String name = Objects.requireNonNull(key, "key").toString();
      String text = entryValue == null ? "" : entryValue.toString();
      option.rejection(name, text).ifPresent(reason -> {
        throw InvalidSettingException.driverOption(option.optionKey(), name + "=" + text, reason);
      });
      checked.put(name, text);
    });
    return frozen(checked);
  }

  /** The typed form of the tolerations: fields as the user wrote them, checked and normalised as in the string form. */
  static List<TolerationSpec> tolerations(List<?> specs) {
    List<TolerationSpec> checked = new ArrayList<>();
    specs.forEach(spec -> checked.add(TolerationOptions.normalise((TolerationSpec) spec)));
    return List.copyOf(checked);
  }

  static String emptyToNull(String value) {
    return value.isEmpty() ? null : value;
  }

  /** Sorted {@code a=1,b=2}, the form {@link KeyValueList} reads; null for no entries, which leaves the option out. */
  static String joined(Map<String, String> entries) {
    if (entries.isEmpty()) {
      return null;
    }
    List<String> pairs = new ArrayList<>();
    new TreeMap<>(entries).forEach((name, value) -> pairs.add(name + "=" + value));
    return String.join(",", pairs);
  }

  private static SortedMap<String, String> frozen(SortedMap<String, String> map) {
    return Collections.unmodifiableSortedMap(map);
  }
}
