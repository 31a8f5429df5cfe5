package dev.kbuildx.build;

import dev.kbuildx.driver.kubernetes.BuildkitdConfig;
import dev.kbuildx.platform.Platform;
import java.util.List;

/** One node a build can run on: its declared platforms, and how to reach its daemon. */
public interface BuildNode {
  String name();

  /** The platforms the node is declared for, in declaration order; may be empty. */
  List<Platform> platforms();

  /**
   * The node's {@code default-load} option: without any output, load the image into the local
   * Docker Engine.
   */
  boolean defaultLoad();

  /**
   * The buildkitd config the node's daemon runs with, as far as kbuildx knows it: its registry
   * sections also decide how kbuildx itself reaches the registries the node pushed to.
   */
  default BuildkitdConfig buildkitdConfig() {
    return BuildkitdConfig.NONE;
  }

  /** Opens a connection to the node's daemon; the caller closes it. */
  ConnectedDaemon connect();
}
