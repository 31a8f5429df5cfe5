package dev.kbuildx.driver.kubernetes;

import dev.kbuildx.InvalidSettingException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The only way to make {@link KubernetesOptions}. It takes buildx's {@code key=value} options and
 * the typed forms of the Maven configuration alike, parses each value by its {@link KubernetesOption}
 * row as soon as it is given and lets a later value of the same option replace an earlier one, as
 * buildx merges repeated {@code --driver-opt} flags. {@link #build()} applies the defaults and the
 * checks that involve several options.
 */
public final class KubernetesOptionsBuilder {
  /** Each request with the limit it may not exceed, in the order they are checked. */
  private static final List<RequestLimit> LIMITS = List.of(
      new RequestLimit(KubernetesOption.REQUESTS_CPU, KubernetesOption.LIMITS_CPU),
      new RequestLimit(KubernetesOption.REQUESTS_MEMORY, KubernetesOption.LIMITS_MEMORY),
      new RequestLimit(KubernetesOption.REQUESTS_EPHEMERAL_STORAGE, KubernetesOption.LIMITS_EPHEMERAL_STORAGE));

  private record RequestLimit(KubernetesOption<String> request, KubernetesOption<String> limit) {}

  /** The options set so far, by row. */
  private final Map<KubernetesOption<?>, Object> values = new HashMap<>();

  /** The options with nothing set. */
  public static KubernetesOptions defaults() {
    return new KubernetesOptionsBuilder().build();
  }

  /** Sets one option from its buildx string form, for example {@code set("replicas", "2")}. */
  public KubernetesOptionsBuilder set(String key, String value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    put(KubernetesOption.forKey(key, value), key, value);
    return this;
  }

  /** Sets every option of {@code options}, in its iteration order. */
  public KubernetesOptionsBuilder setAll(Map<String, String> options) {
    options.forEach(this::set);
    return this;
  }

  /**
   * Sets one option from its typed XML form: a string read as the CSV form, or, for the map and list
   * options, a map of entries or a list of {@link TolerationSpec} as the user wrote them. Replaces
   * the whole value, {@code env} included.
   */
  public KubernetesOptionsBuilder setTyped(KubernetesOption<?> option, Object value) {
    values.put(option, option.parseTyped(Objects.requireNonNull(value, "value")));
    return this;
  }

  private <T> void put(KubernetesOption<T> option, String key, String value) {
    values.put(option, option.parse(key, value, valueOf(option)));
  }

  @SuppressWarnings("unchecked")
  private <T> T valueOf(KubernetesOption<T> option) {
    // Only the row's own parser puts values of a row.
    return values.containsKey(option) ? (T) values.get(option) : option.unset();
  }

  /** Applies defaults and the checks that span options; the builder stays usable. */
  public KubernetesOptions build() {
    Map<KubernetesOption<?>, Object> resolved = new HashMap<>();
    KubernetesOption.ALL.forEach(option -> resolved.put(option, valueOf(option)));
    String pvcStorage = valueOf(KubernetesOption.PERSISTENT_VOLUME_CLAIM_STORAGE);
    String rootVolumeMemory = valueOf(KubernetesOption.ROOT_VOLUME_MEMORY);
    if (pvcStorage != null && rootVolumeMemory != null) {
      throw InvalidSettingException.driverOption(KubernetesOption.ROOT_VOLUME_MEMORY.key(), rootVolumeMemory,
          "it cannot be combined with " + KubernetesOption.PERSISTENT_VOLUME_CLAIM_STORAGE + " (\"" + pvcStorage
              + "\") because both would hold BuildKit's state; accepted: at most one of the two");
    }
    LIMITS.forEach(this::checkRequestWithinLimit);
    if (valueOf(KubernetesOption.IMAGE) == null) {
      resolved.put(KubernetesOption.IMAGE, valueOf(KubernetesOption.ROOTLESS)
          ? KubernetesOptions.DEFAULT_ROOTLESS_IMAGE : KubernetesOptions.DEFAULT_IMAGE);
    }
    KubernetesOptions options = new KubernetesOptions(resolved);
    ContainerdWorkerChecks.check(options);
    return options;
  }

  private void checkRequestWithinLimit(RequestLimit pair) {
    String request = valueOf(pair.request());
    String limit = valueOf(pair.limit());
    if (request != null && limit != null && Quantities.compare(request, limit) > 0) {
      // The API server rejects such a pod; say so before anything is created.
      throw InvalidSettingException.driverOption(pair.request().key(), request,
          "a request may not exceed its limit; accepted: at most " + pair.limit().key() + " (\"" + limit + "\")");
    }
  }
}
