package dev.kbuildx.maven;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.SettingKey;
import dev.kbuildx.driver.kubernetes.KubernetesOption;
import java.util.EnumMap;
import java.util.Map;

/**
 * Turns a core {@link InvalidSettingException} into a message that also says where the user sets
 * the value: the XML element and the {@code -Dkbuildx.*} property, as jib's errors do.
 */
final class SettingLocations {

  /** Where each setting is set; SettingLocationsTest proves that every key has its entry. */
  private static final Map<SettingKey, String> SETTINGS = new EnumMap<>(Map.ofEntries(
      Map.entry(SettingKey.BUILDER, "<builder> or -D" + PropertyNames.BUILDER),
      Map.entry(SettingKey.NODE, "<nodes><node><name> or -D" + PropertyNames.NODE),
      Map.entry(SettingKey.NODE_PLATFORMS, "<platforms> of a <node>, <nodePlatforms> or -D" + PropertyNames.NODE_PLATFORMS),
      Map.entry(SettingKey.DRIVER_OPTS, "<driverOpts> or -D" + PropertyNames.DRIVER_OPTS),
      Map.entry(SettingKey.BUILDKITD_FLAGS, "<buildkitdFlags> or -D" + PropertyNames.BUILDKITD_FLAGS),
      Map.entry(SettingKey.BUILDKITD_CONFIG, "<buildkitdConfig> or -D" + PropertyNames.BUILDKITD_CONFIG),
      Map.entry(SettingKey.NAMESPACE, "<namespace> or -D" + PropertyNames.NAMESPACE),
      Map.entry(SettingKey.KUBECONFIG, "<kubeconfig> or -D" + PropertyNames.KUBECONFIG),
      Map.entry(SettingKey.KUBE_CONTEXT, "<kubeContext> or -D" + PropertyNames.KUBE_CONTEXT),
      Map.entry(SettingKey.CONNECT_TIMEOUT, "<connectTimeout> or -D" + PropertyNames.CONNECT_TIMEOUT),
      Map.entry(SettingKey.ENDPOINT, "<endpoint> or -D" + PropertyNames.ENDPOINT),
      Map.entry(SettingKey.DOCKER_HOST, "<dockerHost>, -D" + PropertyNames.DOCKER_HOST + " or the DOCKER_HOST environment variable"),
      Map.entry(SettingKey.CONTEXT, "<context> or -D" + PropertyNames.CONTEXT),
      Map.entry(SettingKey.DOCKERFILE, "<dockerfile> or -D" + PropertyNames.DOCKERFILE),
      Map.entry(SettingKey.TARGET, "<target> or -D" + PropertyNames.TARGET),
      Map.entry(SettingKey.BUILD_ARGS, "<buildArgs>"),
      Map.entry(SettingKey.LABELS, "<labels>"),
      Map.entry(SettingKey.PLATFORMS, "<platforms> or -D" + PropertyNames.PLATFORMS),
      Map.entry(SettingKey.NETWORK, "<network> or -D" + PropertyNames.NETWORK),
      Map.entry(SettingKey.ADD_HOSTS, "<addHosts> or -D" + PropertyNames.ADD_HOSTS),
      Map.entry(SettingKey.SHM_SIZE, "<shmSize> or -D" + PropertyNames.SHM_SIZE),
      Map.entry(SettingKey.ULIMITS, "<ulimits> or -D" + PropertyNames.ULIMITS),
      Map.entry(SettingKey.SECRETS, "<secrets> or -D" + PropertyNames.SECRETS),
      Map.entry(SettingKey.OUTPUTS, "<outputs> or -D" + PropertyNames.OUTPUTS),
      Map.entry(SettingKey.CACHE_FROM, "<cacheFrom> or -D" + PropertyNames.CACHE_FROM),
      Map.entry(SettingKey.CACHE_TO, "<cacheTo> or -D" + PropertyNames.CACHE_TO),
      Map.entry(SettingKey.TAGS, "<tags> or -D" + PropertyNames.TAGS),
      Map.entry(SettingKey.PUSH, "<push> or -D" + PropertyNames.PUSH),
      Map.entry(SettingKey.LOAD, "<load> or -D" + PropertyNames.LOAD),
      Map.entry(SettingKey.SSH, "<ssh> or -D" + PropertyNames.SSH),
      Map.entry(SettingKey.ATTESTATIONS, "<attestations>, <provenance>, <sbom> or -D" + PropertyNames.ATTESTATIONS + ", -D"
          + PropertyNames.PROVENANCE + ", -D" + PropertyNames.SBOM),
      Map.entry(SettingKey.NODE_ENDPOINT, "<endpoint> of a <node>"),
      Map.entry(SettingKey.NODE_DRIVER, "<driver> of a <node>"),
      Map.entry(SettingKey.SOURCE_DATE_EPOCH, "<sourceDateEpoch>, -D" + PropertyNames.SOURCE_DATE_EPOCH
          + " or the SOURCE_DATE_EPOCH environment variable"),
      Map.entry(SettingKey.OUTPUT_TIMESTAMP, "the project.build.outputTimestamp property; <sourceDateEpoch> or -D"
          + PropertyNames.SOURCE_DATE_EPOCH + " replaces it"),
      Map.entry(SettingKey.BUILD_CONTEXTS, "<buildContexts> or -D" + PropertyNames.BUILD_CONTEXTS),
      Map.entry(SettingKey.FILTERS, "<filters> or -D" + PropertyNames.FILTERS),
      Map.entry(SettingKey.KEEP_DURATION, "<keepDuration> or -D" + PropertyNames.KEEP_DURATION),
      Map.entry(SettingKey.RESERVED_SPACE, "<reservedSpace> or -D" + PropertyNames.RESERVED_SPACE),
      Map.entry(SettingKey.MAX_USED_SPACE, "<maxUsedSpace> or -D" + PropertyNames.MAX_USED_SPACE),
      Map.entry(SettingKey.MIN_FREE_SPACE, "<minFreeSpace> or -D" + PropertyNames.MIN_FREE_SPACE),
      Map.entry(SettingKey.FORMAT, "<format> or -D" + PropertyNames.FORMAT)));

  private SettingLocations() {}

  static String message(InvalidSettingException e) {
    String where = where(e);
    return where.isEmpty() ? e.getMessage() : e.getMessage() + ". " + where;
  }

  private static String where(InvalidSettingException e) {
    String key = e.setting();
    if (!e.isDriverOption()) {
      return SettingKey.of(key).map(setting -> "It is set by " + SETTINGS.get(setting) + ".").orElse("");
    }
    if (!KubernetesOption.isKnown(key)) {
      return "Driver options are set by a node's <driver> or <driverOpts>, by -D" + PropertyNames.DRIVER_OPTS
          + " or by -D" + PropertyNames.DRIVER_OPTION_PREFIX + "<option>.";
    }
    KubernetesOption<?> option = KubernetesOption.forKey(key, e.value());
    // env. without a name would show as <env><>: the general form says what is expected instead.
    boolean nameless = option.isFamily() && key.equals(KubernetesOption.ENV_PREFIX);
    String shown = nameless ? option.key() : key;
    return "It is set by " + (nameless ? option.element() : option.element(key)) + " in a node's <driver>, by "
        + shown + "=... in <driverOpts> or -D" + PropertyNames.DRIVER_OPTS + ", or by -D"
        + PropertyNames.DRIVER_OPTION_PREFIX + shown + ".";
  }
}
