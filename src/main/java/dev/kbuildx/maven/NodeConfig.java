package dev.kbuildx.maven;

import java.io.File;
import java.util.List;

/**
 * One node of the builder as declared in the POM, {@code <node>} inside {@code <nodes>}. A node
 * is one Deployment (or StatefulSet) of BuildKit pods.
 */
public class NodeConfig {
  /** Node name; defaults to the builder name followed by the node's index ({@code kube0}). */
  private String name;

  /** Platforms the node builds natively or by emulation, such as {@code linux/arm64}. */
  private List<String> platforms;

  /** Driver options as buildx's {@code --driver-opt} CSV, such as {@code replicas=2,"nodeselector=a=1,b=2"}. */
  private String driverOpts;

  /** Driver options as typed elements; they win over {@link #driverOpts}. */
  private DriverConfig driver;

  /** buildkitd flags for this node, replacing the builder's {@code <buildkitdFlags>}. */
  private String buildkitdFlags;

  /** buildkitd.toml for this node, replacing the builder's {@code <buildkitdConfig>}. */
  private File buildkitdConfig;

  String getName() {
    return name;
  }

  List<String> getPlatforms() {
    return platforms == null ? List.of() : platforms;
  }

  String getDriverOpts() {
    return driverOpts;
  }

  DriverConfig getDriver() {
    return driver;
  }

  String getBuildkitdFlags() {
    return buildkitdFlags;
  }

  File getBuildkitdConfig() {
    return buildkitdConfig;
  }
}
