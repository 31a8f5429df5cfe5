package dev.kbuildx.maven;

import dev.kbuildx.driver.BuilderNodes;
import dev.kbuildx.driver.choice.DaemonChoice;

/**
 * The goals that look after a builder without building on it, {@code inspect}, {@code du} and
 * {@code prune}: they find its nodes as {@code build} does, but start none of them.
 */
abstract class AbstractCareMojo extends AbstractDaemonMojo {

  /** The builder these settings name and its nodes; with {@code bootstrap}, a declared builder is started first. */
  protected BuilderNodes builderNodes(DaemonChoice choice, boolean bootstrap) {
    String stickyKey = baseDirectory().toString();
    return bootstrap ? connector(engineEnvironment()).nodes(choice, stickyKey)
        : connector(engineEnvironment()).drivers(choice, stickyKey);
  }

  protected DaemonChoice daemonChoice() {
    return daemonChoice(engineEnvironment());
  }

  /** The builder's name as the user knows it: a standing daemon by its address, the Docker Engine as buildx's {@code default}. */
  protected String displayName(DaemonChoice choice) {
    if (choice instanceof DaemonChoice.ClusterBuilder cluster) {
      return cluster.name();
    }
    if (choice instanceof DaemonChoice.StandingDaemon standing) {
      return standing.endpoint().toString();
    }
    return choice instanceof DaemonChoice.DeclaredNodes ? builderName() : "default";
  }
}
