package dev.kbuildx.driver;

import dev.kbuildx.buildkit.BuildkitdConfig;
import dev.kbuildx.platform.Platform;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One node of a builder, as buildx's driver interface has it: what the node is declared for, what
 * its driver can do, whether its daemon runs, how to start it, and how to dial it. The build talks
 * to nodes only through this interface; each driver package ({@code kubernetes}, {@code docker},
 * {@code remote}) implements it once.
 */
public interface Driver {
  /** The node's name, unique within its builder. */
  String name();

  /** The platforms the node is declared for, in declaration order; may be empty. */
  List<Platform> platforms();

  /** What the driver can do, whatever the daemon behind it is. */
  DriverFeatures features();

  /**
   * The buildkitd config the node's daemon runs with, as far as kbuildx knows it: its registry
   * sections also decide how kbuildx itself reaches the registries the node pushed to.
   */
  default BuildkitdConfig buildkitdConfig() {
    return BuildkitdConfig.NONE;
  }

  /** The node's driver, endpoint and settings, for {@code inspect}; dials nothing. */
  DriverDescription describe();

  /**
   * Whether the node's daemon runs; asked before {@link #bootstrap()}, without dialling the daemon.
   * By default someone else runs it (a standing daemon, a Docker Engine), and a daemon that is
   * down fails the dial with its address.
   */
  default DriverStatus info() {
    return DriverStatus.EXTERNAL;
  }

  /**
   * Starts the node's daemon and waits until it is ready; called when {@link #info()} says so. By
   * default there is nothing kbuildx may start.
   */
  default void bootstrap() {}

  /**
   * Where the daemon that reported {@code hostname} in its workers runs in the cluster, and which
   * schedulable Kubernetes nodes lack {@code images}; asked after an image was stored in the
   * runtime of a Kubernetes node ({@link DriverFeatures#clusterImageStore()}). Empty for drivers
   * whose daemons are no pods.
   *
   * @param images the fully qualified names of the stored image
   */
  default Optional<ClusterPlacement> placement(String hostname, List<String> images) {
    return Optional.empty();
  }

  /**
   * Opens a connection to the node's daemon; the caller closes it.
   *
   * @param connectTimeout how long the daemon may take to be reached and to answer its first call
   */
  ConnectedDaemon dial(Duration connectTimeout);
}
