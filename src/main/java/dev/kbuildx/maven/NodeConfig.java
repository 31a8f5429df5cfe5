package dev.kbuildx.maven;

import java.io.File;
import java.util.List;
import org.codehaus.plexus.configuration.PlexusConfiguration;

/**
 * One node of the builder as declared in the POM, {@code <node>} inside {@code <nodes>}. A node
 * is one Deployment (or StatefulSet) of BuildKit pods; for {@code kbuildx:build} it may instead be
 * a standing BuildKit daemon ({@code <endpoint>}) or a Docker Engine ({@code <dockerHost>}), which
 * kbuildx uses but does not manage.
 */
public class NodeConfig {
  /** Node name; defaults to the builder name followed by the node's index ({@code kube0}). */
  private String name;

  /** Platforms the node builds natively or by emulation, such as {@code linux/arm64}. */
  private List<String> platforms;

  /** Driver options as buildx's {@code --driver-opt} CSV, such as {@code replicas=2,"nodeselector=a=1,b=2"}. */
  private String driverOpts;

  /**
   * Driver options as typed elements, such as {@code <replicas>2</replicas>} or
   * {@code <requests><cpu>500m</cpu></requests>}; they win over {@link #driverOpts}. The elements are
   * listed on the driver options page; they are read by {@link DriverElements}.
   */
  private PlexusConfiguration driver;

  /** buildkitd flags for this node, replacing the builder's {@code <buildkitdFlags>}. */
  private String buildkitdFlags;

  /** buildkitd.toml for this node, replacing the builder's {@code <buildkitdConfig>}. */
  private File buildkitdConfig;

  /**
   * A standing buildkitd this node is, {@code tcp://host:port} or {@code unix:///path}, like
   * buildx's remote driver; its {@code <driverOpts>} take {@code cacert}, {@code cert},
   * {@code key}, {@code servername} and {@code default-load}.
   */
  private String endpoint;

  /** A Docker Engine whose BuildKit this node is, such as {@code unix:///var/run/docker.sock}. */
  private String dockerHost;

  String getName() {
    return name;
  }

  List<String> getPlatforms() {
    return platforms == null ? List.of() : platforms;
  }

  String getDriverOpts() {
    return driverOpts;
  }

  PlexusConfiguration getDriver() {
    return driver;
  }

  String getBuildkitdFlags() {
    return buildkitdFlags;
  }

  File getBuildkitdConfig() {
    return buildkitdConfig;
  }

  String getEndpoint() {
    return endpoint == null || endpoint.isBlank() ? null : endpoint.trim();
  }

  String getDockerHost() {
    return dockerHost == null || dockerHost.isBlank() ? null : dockerHost.trim();
  }

  /** A node that kbuildx uses but does not run on Kubernetes. */
  boolean isStanding() {
    return getEndpoint() != null || getDockerHost() != null;
  }
}
