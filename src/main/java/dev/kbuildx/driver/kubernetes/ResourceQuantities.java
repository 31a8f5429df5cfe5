package dev.kbuildx.driver.kubernetes;

/**
 * CPU, memory and ephemeral-storage quantities for one side (requests or limits) of the buildkitd
 * container. Each is a validated Kubernetes quantity string, or null when unset.
 */
public record ResourceQuantities(String cpu, String memory, String ephemeralStorage) {
  public static final ResourceQuantities NONE = new ResourceQuantities(null, null, null);

  public boolean isEmpty() {
    return cpu == null && memory == null && ephemeralStorage == null;
  }
}
