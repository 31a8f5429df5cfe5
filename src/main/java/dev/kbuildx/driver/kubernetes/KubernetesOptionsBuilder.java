package dev.kbuildx.driver.kubernetes;

import static dev.kbuildx.driver.kubernetes.KubernetesOptionKeys.*;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.options.GoBoolean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The only way to make {@link KubernetesOptions}. It takes buildx's {@code key=value} options and
 * the typed forms of the Maven configuration alike, checks each value as soon as it is given and
 * lets a later value of the same option replace an earlier one, as buildx merges repeated
 * {@code --driver-opt} flags. {@link #build()} applies the defaults and the checks that involve
 * several options.
 */
public final class KubernetesOptionsBuilder {
  private static final List<String> RESOURCES = List.of("cpu", "memory", "ephemeral-storage");

  private String image;
  private String namespace;
  private int replicas = 1;
  /** Quantity options by key; an absent key is unset. */
  private final Map<String, String> quantities = new HashMap<>();
  private SortedMap<String, String> nodeSelector = new TreeMap<>();
  private SortedMap<String, String> annotations = new TreeMap<>();
  private SortedMap<String, String> labels = new TreeMap<>();
  private List<TolerationSpec> tolerations = List.of();
  private String serviceAccount;
  private String schedulerName;
  private Duration timeout = KubernetesOptions.DEFAULT_TIMEOUT;
  private boolean rootless;
  private LoadBalance loadBalance = LoadBalance.STICKY;
  private boolean qemuInstall;
  private String qemuImage;
  private boolean defaultLoad;
  private SortedMap<String, String> env = new TreeMap<>();

  /** The options with nothing set. */
  public static KubernetesOptions defaults() {
    return new KubernetesOptionsBuilder().build();
  }

  /** Sets one option from its buildx string form, for example {@code set("replicas", "2")}. */
  public KubernetesOptionsBuilder set(String key, String value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    if (key.startsWith(ENV_PREFIX)) {
      String name = key.substring(ENV_PREFIX.length());
      env.put(checkEnvName(name, value), value);
      return this;
    }
    switch (key) {
      case IMAGE -> image = emptyToNull(value);
      case NAMESPACE -> namespace = checkNamespace(value);
      case REPLICAS -> replicas = parseReplicas(value);
      case REQUESTS_CPU, REQUESTS_MEMORY, REQUESTS_EPHEMERAL_STORAGE, LIMITS_CPU, LIMITS_MEMORY,
          LIMITS_EPHEMERAL_STORAGE, PERSISTENT_VOLUME_CLAIM_STORAGE, ROOT_VOLUME_MEMORY -> setQuantity(key, value);
      case ROOTLESS -> rootless = GoBoolean.parse(key, value);
      case QEMU_INSTALL -> qemuInstall = GoBoolean.parse(key, value);
      case DEFAULT_LOAD -> defaultLoad = GoBoolean.parse(key, value);
      case QEMU_IMAGE -> qemuImage = emptyToNull(value);
      case SERVICE_ACCOUNT -> serviceAccount = checkSubdomain(key, value);
      case SCHEDULER_NAME -> schedulerName = checkSubdomain(key, value);
      case NODE_SELECTOR -> nodeSelector = parseEntries(KeyValueOption.NODE_SELECTOR, value);
      case ANNOTATIONS -> annotations = parseEntries(KeyValueOption.ANNOTATIONS, value);
      case LABELS -> labels = parseEntries(KeyValueOption.LABELS, value);
      case TOLERATIONS -> tolerations = TolerationOptions.parse(value);
      case LOAD_BALANCE -> loadBalance = parseLoadBalance(value);
      case TIMEOUT -> timeout = parseTimeout(value);
      default -> throw InvalidSettingException.driverOption(key, value,
          "unknown option of the kubernetes driver; accepted: " + String.join(", ", ALL));
    }
    return this;
  }

  /** Sets every option of {@code options}, in its iteration order. */
  public KubernetesOptionsBuilder setAll(Map<String, String> options) {
    options.forEach(this::set);
    return this;
  }

  /** Replaces the node selector; keys and values are checked as in the string form. */
  public KubernetesOptionsBuilder nodeSelector(Map<String, String> entries) {
    nodeSelector = checkEntries(KeyValueOption.NODE_SELECTOR, entries);
    return this;
  }

  /** Replaces the extra annotations; keys and values are checked as in the string form. */
  public KubernetesOptionsBuilder annotations(Map<String, String> entries) {
    annotations = checkEntries(KeyValueOption.ANNOTATIONS, entries);
    return this;
  }

  /** Replaces the extra labels; keys and values are checked as in the string form. */
  public KubernetesOptionsBuilder labels(Map<String, String> entries) {
    labels = checkEntries(KeyValueOption.LABELS, entries);
    return this;
  }

  /** Replaces the environment of buildkitd; keys are variable names (without {@code env.}), null values are empty. */
  public KubernetesOptionsBuilder env(Map<String, String> variables) {
    SortedMap<String, String> checked = new TreeMap<>();
    variables.forEach((name, value) -> {
      String text = value == null ? "" : value;
      checked.put(checkEnvName(Objects.requireNonNull(name, "variable name"), text), text);
    });
    env = checked;
    return this;
  }

  /** Replaces the tolerations; fields are as the user wrote them and are checked and normalised as in the string form. */
  public KubernetesOptionsBuilder tolerations(List<TolerationSpec> specs) {
    List<TolerationSpec> checked = new ArrayList<>();
    specs.forEach(spec -> checked.add(TolerationOptions.normalise(spec)));
    tolerations = checked;
    return this;
  }

  /** Applies defaults and the checks that span options; the builder stays usable. */
  public KubernetesOptions build() {
    String pvcStorage = quantities.get(PERSISTENT_VOLUME_CLAIM_STORAGE);
    String rootVolumeMemory = quantities.get(ROOT_VOLUME_MEMORY);
    if (pvcStorage != null && rootVolumeMemory != null) {
      throw InvalidSettingException.driverOption(ROOT_VOLUME_MEMORY, rootVolumeMemory,
          "it cannot be combined with " + PERSISTENT_VOLUME_CLAIM_STORAGE + " (\"" + pvcStorage
              + "\") because both would hold BuildKit's state; accepted: at most one of the two");
    }
    RESOURCES.forEach(this::checkRequestWithinLimit);
    return new KubernetesOptions(
        image != null ? image : rootless ? KubernetesOptions.DEFAULT_ROOTLESS_IMAGE : KubernetesOptions.DEFAULT_IMAGE,
        namespace,
        replicas,
        resources("requests."),
        resources("limits."),
        frozen(nodeSelector),
        frozen(annotations),
        frozen(labels),
        List.copyOf(tolerations),
        serviceAccount,
        schedulerName,
        timeout,
        rootless,
        loadBalance,
        qemuInstall,
        qemuImage != null ? qemuImage : KubernetesOptions.DEFAULT_QEMU_IMAGE,
        defaultLoad,
        frozen(env),
        pvcStorage,
        rootVolumeMemory);
  }

  private void checkRequestWithinLimit(String resource) {
    String request = quantities.get("requests." + resource);
    String limit = quantities.get("limits." + resource);
    if (request != null && limit != null && Quantities.compare(request, limit) > 0) {
      // The API server rejects such a pod; say so before anything is created.
      throw InvalidSettingException.driverOption("requests." + resource, request,
          "a request may not exceed its limit; accepted: at most limits." + resource + " (\"" + limit + "\")");
    }
  }

  private ResourceQuantities resources(String prefix) {
    return new ResourceQuantities(
        quantities.get(prefix + "cpu"), quantities.get(prefix + "memory"), quantities.get(prefix + "ephemeral-storage"));
  }

  private void setQuantity(String key, String value) {
    // Empty means unset, so that a later option can clear an earlier one.
    if (value.isEmpty()) {
      quantities.remove(key);
    } else {
      quantities.put(key, Quantities.check(key, value));
    }
  }

  private static String checkNamespace(String value) {
    if (!KubernetesNames.isDnsLabel(value)) {
      throw InvalidSettingException.driverOption(NAMESPACE, value,
          "a namespace must be " + KubernetesNames.DNS_LABEL_RULE + " (leave the option out to use the kube context's namespace)");
    }
    return value;
  }

  private static String checkSubdomain(String key, String value) {
    if (value.isEmpty()) {
      return null;
    }
    if (!KubernetesNames.isDnsSubdomain(value)) {
      throw InvalidSettingException.driverOption(key, value, "the name must be " + KubernetesNames.DNS_SUBDOMAIN_RULE);
    }
    return value;
  }

  private static int parseReplicas(String value) {
    String accepted = "a whole number of pods, at least 1, is expected (for example 1 or 3)";
    if (!value.matches("[+-]?[0-9]+")) {
      throw InvalidSettingException.driverOption(REPLICAS, value, accepted);
    }
    int replicas;
    try {
      replicas = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw InvalidSettingException.driverOption(REPLICAS, value, "the number is out of range; " + accepted);
    }
    if (replicas < 1) {
      throw InvalidSettingException.driverOption(REPLICAS, value,
          "a builder without pods can never become ready; " + accepted);
    }
    return replicas;
  }

  private static Duration parseTimeout(String value) {
    Duration parsed = GoDuration.parse(TIMEOUT, value);
    if (parsed.isZero() || parsed.isNegative()) {
      throw InvalidSettingException.driverOption(TIMEOUT, value,
          "a positive duration such as 2m or 90s is expected; to not wait for the builder to become ready,"
              + " set -Dkbuildx.bootstrap=false instead");
    }
    return parsed;
  }

  private static LoadBalance parseLoadBalance(String value) {
    for (LoadBalance candidate : LoadBalance.values()) {
      if (candidate.optionValue().equals(value)) {
        return candidate;
      }
    }
    throw InvalidSettingException.driverOption(LOAD_BALANCE, value, "accepted: sticky or random (lower case)");
  }

  private static String checkEnvName(String name, String value) {
    if (name.isEmpty()) {
      throw InvalidSettingException.driverOption(ENV_PREFIX, value,
          "the variable name is missing; accepted: env.<NAME>=value, for example env.BUILDKIT_STEP_LOG_MAX_SIZE=10485760");
    }
    if (!KubernetesNames.isEnvName(name)) {
      throw InvalidSettingException.driverOption(ENV_PREFIX + name, value,
          "\"" + name + "\" is not accepted as a name; it must be " + KubernetesNames.ENV_NAME_RULE);
    }
    return name;
  }

  private static SortedMap<String, String> parseEntries(KeyValueOption option, String value) {
    LinkedHashMap<String, String> entries = KeyValueList.parse(option.optionKey(), value);
    entries.forEach((key, entryValue) -> option.rejection(key, entryValue).ifPresent(reason -> {
      throw InvalidSettingException.driverOption(option.optionKey(), value, reason);
    }));
    return new TreeMap<>(entries);
  }

  private static SortedMap<String, String> checkEntries(KeyValueOption option, Map<String, String> entries) {
    SortedMap<String, String> checked = new TreeMap<>();
    entries.forEach((key, entryValue) -> {
      String text = entryValue == null ? "" : entryValue;
      Objects.requireNonNull(key, "key");
      option.rejection(key, text).ifPresent(reason -> {
        throw InvalidSettingException.driverOption(option.optionKey(), key + "=" + text, reason);
      });
      checked.put(key, text);
    });
    return checked;
  }

  private static SortedMap<String, String> frozen(SortedMap<String, String> map) {
    return Collections.unmodifiableSortedMap(new TreeMap<>(map));
  }

  private static String emptyToNull(String value) {
    return value.isEmpty() ? null : value;
  }
}
