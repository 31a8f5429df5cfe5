package dev.kbuildx.maven;

/**
 * XML form of {@code <requests>} or {@code <limits>} of the buildkitd container, for example
 * {@code <requests><cpu>500m</cpu><memory>1Gi</memory></requests>}. Values are Kubernetes
 * quantities.
 */
public class ResourcesConfig {
  /** CPU quantity, such as {@code 500m} or {@code 2}. */
  private String cpu;

  /** Memory quantity, such as {@code 512Mi} or {@code 4G}. */
  private String memory;

  /** Ephemeral-storage quantity, such as {@code 10Gi}. */
  private String ephemeralStorage;
}
