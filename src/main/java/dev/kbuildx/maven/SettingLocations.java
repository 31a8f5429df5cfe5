package dev.kbuildx.maven;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.driver.kubernetes.KubernetesOptionKeys;
import java.util.Map;

/**
 * Turns a core {@link InvalidSettingException} into a message that also says where the user sets
 * the value: the XML element and the {@code -Dkbuildx.*} property, as jib's errors do.
 */
final class SettingLocations {

  private static final Map<String, String> SETTINGS = Map.ofEntries(
      Map.entry("builder", "<builder> or -D" + PropertyNames.BUILDER),
      Map.entry("node", "<nodes><node><name> or -D" + PropertyNames.NODE),
      Map.entry("nodePlatforms", "<platforms> of a <node>, <nodePlatforms> or -D" + PropertyNames.NODE_PLATFORMS),
      Map.entry("driverOpts", "<driverOpts> or -D" + PropertyNames.DRIVER_OPTS),
      Map.entry("buildkitdFlags", "<buildkitdFlags> or -D" + PropertyNames.BUILDKITD_FLAGS),
      Map.entry("buildkitdConfig", "<buildkitdConfig> or -D" + PropertyNames.BUILDKITD_CONFIG),
      Map.entry("namespace", "<namespace> or -D" + PropertyNames.NAMESPACE),
      Map.entry("kubeconfig", "<kubeconfig> or -D" + PropertyNames.KUBECONFIG),
      Map.entry("kubeContext", "<kubeContext> or -D" + PropertyNames.KUBE_CONTEXT),
      Map.entry(AbstractKbuildxMojo.CONNECT_TIMEOUT, "<connectTimeout> or -D" + PropertyNames.CONNECT_TIMEOUT),
      // The settings of kbuildx:build (BuildSettingKeys and the build package's own).
      Map.entry("endpoint", "<endpoint> or -D" + PropertyNames.ENDPOINT),
      Map.entry("DOCKER_HOST", "<dockerHost>, -D" + PropertyNames.DOCKER_HOST + " or the DOCKER_HOST environment variable"),
      Map.entry("context", "<context> or -D" + PropertyNames.CONTEXT),
      Map.entry("dockerfile", "<dockerfile> or -D" + PropertyNames.DOCKERFILE),
      Map.entry("target", "<target> or -D" + PropertyNames.TARGET),
      Map.entry("buildArgs", "<buildArgs>"),
      Map.entry("labels", "<labels>"),
      Map.entry("buildContexts", "<buildContexts> or -D" + PropertyNames.BUILD_CONTEXTS),
      Map.entry("noCacheFilter", "<noCacheFilter> or -D" + PropertyNames.NO_CACHE_FILTER),
      Map.entry("platforms", "<platforms> or -D" + PropertyNames.PLATFORMS),
      Map.entry("network", "<network> or -D" + PropertyNames.NETWORK),
      Map.entry("addHosts", "<addHosts> or -D" + PropertyNames.ADD_HOSTS),
      Map.entry("shmSize", "<shmSize> or -D" + PropertyNames.SHM_SIZE),
      Map.entry("ulimits", "<ulimits> or -D" + PropertyNames.ULIMITS),
      Map.entry("secrets", "<secrets> or -D" + PropertyNames.SECRETS),
      Map.entry("outputs", "<outputs> or -D" + PropertyNames.OUTPUTS),
      Map.entry("cacheFrom", "<cacheFrom> or -D" + PropertyNames.CACHE_FROM),
      Map.entry("cacheTo", "<cacheTo> or -D" + PropertyNames.CACHE_TO),
      Map.entry("tags", "<tags> or -D" + PropertyNames.TAGS),
      Map.entry("push", "<push> or -D" + PropertyNames.PUSH),
      Map.entry("load", "<load> or -D" + PropertyNames.LOAD),
      Map.entry("ssh", "<ssh> or -D" + PropertyNames.SSH),
      Map.entry("attestations", "<attestations>, <provenance>, <sbom> or -D" + PropertyNames.ATTESTATIONS + ", -D"
          + PropertyNames.PROVENANCE + ", -D" + PropertyNames.SBOM),
      Map.entry("nodeEndpoint", "<endpoint> of a <node>"),
      Map.entry("sourceDateEpoch", "<sourceDateEpoch>, -D" + PropertyNames.SOURCE_DATE_EPOCH
          + " or the SOURCE_DATE_EPOCH environment variable"),
      Map.entry("outputTimestamp", "the project.build.outputTimestamp property; <sourceDateEpoch> or -D"
          + PropertyNames.SOURCE_DATE_EPOCH + " replaces it"));

  /** The typed element under {@code <driver>} for each buildx option key. */
  private static final Map<String, String> DRIVER_ELEMENTS = Map.ofEntries(
      Map.entry("requests.cpu", "<requests><cpu>"),
      Map.entry("requests.memory", "<requests><memory>"),
      Map.entry("requests.ephemeral-storage", "<requests><ephemeralStorage>"),
      Map.entry("limits.cpu", "<limits><cpu>"),
      Map.entry("limits.memory", "<limits><memory>"),
      Map.entry("limits.ephemeral-storage", "<limits><ephemeralStorage>"),
      Map.entry("nodeselector", "<nodeSelector>"),
      Map.entry("serviceaccount", "<serviceAccount>"),
      Map.entry("schedulername", "<schedulerName>"),
      Map.entry("loadbalance", "<loadBalance>"),
      Map.entry("qemu.install", "<qemu><install>"),
      Map.entry("qemu.image", "<qemu><image>"),
      Map.entry("default-load", "<defaultLoad>"),
      Map.entry("persistent-volume-claim.requests.storage", "<persistentVolumeClaimStorage>"),
      Map.entry("buildkit-root-volume-memory", "<buildkitRootVolumeMemory>"));

  private SettingLocations() {}

  static String message(InvalidSettingException e) {
    String where = where(e);
    return where.isEmpty() ? e.getMessage() : e.getMessage() + ". " + where;
  }

  private static String where(InvalidSettingException e) {
    String key = e.setting();
    if (!e.isDriverOption()) {
      String location = SETTINGS.get(key);
      return location == null ? "" : "It is set by " + location + ".";
    }
    boolean known = key.startsWith(KubernetesOptionKeys.ENV_PREFIX) || KubernetesOptionKeys.ALL.contains(key);
    if (!known) {
      return "Driver options are set by a node's <driver> or <driverOpts>, by -D" + PropertyNames.DRIVER_OPTS
          + " or by -D" + PropertyNames.DRIVER_OPTION_PREFIX + "<option>.";
    }
    String element = key.startsWith(KubernetesOptionKeys.ENV_PREFIX)
        ? "<env><" + key.substring(KubernetesOptionKeys.ENV_PREFIX.length()) + ">"
        : DRIVER_ELEMENTS.getOrDefault(key, "<" + key + ">");
    return "It is set by " + element + " in a node's <driver>, by " + key + "=... in <driverOpts> or -D"
        + PropertyNames.DRIVER_OPTS + ", or by -D" + PropertyNames.DRIVER_OPTION_PREFIX + key + ".";
  }
}
