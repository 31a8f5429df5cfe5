package dev.kbuildx.maven;

import dev.kbuildx.driver.BuilderNodes;
import dev.kbuildx.driver.choice.DaemonChoice;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The goals that look after a builder without building on it, {@code inspect}, {@code du} and
 * {@code prune}: they find its nodes as {@code build} does, but start none of them.
 */
abstract class AbstractCareMojo extends AbstractDaemonMojo {

  /**
   * How the goal reports: {@code table}, buildx's layout as {@code [INFO]} lines of Maven's log, or
   * {@code json}, one JSON object on standard output that scripts read, so that
   * {@code mvn -q kbuildx:du -Dkbuildx.format=json} prints nothing else. The fields are listed on
   * the site's page about looking after a builder.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.FORMAT, defaultValue = ScriptOutput.TABLE)
  protected String format;

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
