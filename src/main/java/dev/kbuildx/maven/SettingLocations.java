package dev.kbuildx.maven;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.driver.kubernetes.KubernetesOptionKeys;
import java.util.Map;

/**
 * Turns a core {@link InvalidSettingException} into a message that also says where the user sets
 * the value: the XML element and the {@code -Dkbuildx.*} property, as jib's errors do.
 */
final class SettingLocations {

  private static final Map<String, String> SETTINGS = Map.of(
      "builder", "<builder> or -D" + PropertyNames.BUILDER,
      "node", "<nodes><node><name> or -D" + PropertyNames.NODE,
      "platforms", "<platforms> of a <node> or -D" + PropertyNames.PLATFORMS,
      "driverOpts", "<driverOpts> or -D" + PropertyNames.DRIVER_OPTS,
      "buildkitdFlags", "<buildkitdFlags> or -D" + PropertyNames.BUILDKITD_FLAGS,
      "buildkitdConfig", "<buildkitdConfig> or -D" + PropertyNames.BUILDKITD_CONFIG,
      "namespace", "<namespace> or -D" + PropertyNames.NAMESPACE,
      "kubeconfig", "<kubeconfig> or -D" + PropertyNames.KUBECONFIG,
      "kubeContext", "<kubeContext> or -D" + PropertyNames.KUBE_CONTEXT);

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
