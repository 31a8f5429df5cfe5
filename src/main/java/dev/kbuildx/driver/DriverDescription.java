package dev.kbuildx.driver;

import java.util.List;
import java.util.Map;

/**
 * What {@code inspect} shows of a node without asking its daemon, as the driver knows it.
 *
 * @param driver buildx's driver name: {@code kubernetes}, {@code remote} or {@code docker}
 * @param endpoint where the node is reached, such as {@code tcp://host:1234}
 * @param driverOptions the node's driver options as set, by buildx key
 * @param buildkitdFlags the flags its buildkitd runs with, when kbuildx started it
 * @param configFiles the buildkitd.toml and certificate paths mounted into its daemon, when kbuildx started it
 * @param pods the pods of a Kubernetes node, by name; empty for other drivers
 */
public record DriverDescription(String driver, String endpoint, Map<String, String> driverOptions,
    List<String> buildkitdFlags, List<String> configFiles, List<Pod> pods) {
  public DriverDescription {
    driverOptions = Map.copyOf(driverOptions);
    buildkitdFlags = List.copyOf(buildkitdFlags);
    configFiles = List.copyOf(configFiles);
    pods = List.copyOf(pods);
  }

  /** A node that kbuildx only dials: no flags, no config, no pods. */
  public static DriverDescription external(String driver, String endpoint, Map<String, String> driverOptions) {
    return new DriverDescription(driver, endpoint, driverOptions, List.of(), List.of(), List.of());
  }

  /**
   * One pod of a Kubernetes node.
   *
   * @param status {@code running}, {@code terminating}, or the pod's phase in lower case, such as {@code pending}
   */
  public record Pod(String name, String status, boolean ready) {}
}
