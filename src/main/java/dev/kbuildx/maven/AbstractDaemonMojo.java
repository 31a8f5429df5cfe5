package dev.kbuildx.maven;

import dev.kbuildx.driver.Driver;
import dev.kbuildx.driver.choice.DaemonChoice;
import dev.kbuildx.driver.choice.DaemonConnector;
import dev.kbuildx.driver.remote.RemoteEndpoint;
import dev.kbuildx.driver.remote.RemoteOptions;
import dev.kbuildx.options.DriverOptionsCsv;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * The goals that reach a builder's daemons, {@code build}, {@code inspect}, {@code du} and
 * {@code prune}: they all choose the builder the same way, a standing daemon, the declared nodes,
 * a named Kubernetes builder, else the local Docker Engine.
 */
abstract class AbstractDaemonMojo extends AbstractDeclarationMojo {

  /**
   * A standing BuildKit daemon to use instead of a Kubernetes builder:
   * {@code tcp://host:port} or {@code unix:///path/to/buildkitd.sock}. It wins over declared
   * {@code <nodes>}; together with an explicit builder name it is an error.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.ENDPOINT)
  protected String endpoint;

  /**
   * The Docker Engine whose BuildKit is used when no builder or endpoint is configured, such as
   * {@code unix:///var/run/docker.sock} or {@code tcp://host:2376}. By default the
   * {@code DOCKER_HOST} environment variable, else the default socket; TLS follows
   * {@code DOCKER_TLS_VERIFY} and {@code DOCKER_CERT_PATH} as for the Docker CLI.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.DOCKER_HOST)
  protected String dockerHost;

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  protected MavenProject project;

  /** The builder these settings name, as {@link DaemonChoice#choose} ranks them. */
  protected DaemonChoice daemonChoice(Map<String, String> environment) {
    BuilderDeclaration declaration = declaration();
    List<Driver> standingNodes = declaration.standingNodes(environment, baseDirectory());
    return DaemonChoice.choose(standingDaemon(), builder,
        nodes == null || nodes.isEmpty() || !standingNodes.isEmpty() ? null : declaration.toCreate(), standingNodes);
  }

  protected DaemonConnector connector(Map<String, String> environment) {
    return new DaemonConnector(environment, this::connect, namespace, connectTimeout(), progressLog());
  }

  /** The process environment, with {@code dockerHost} as its {@code DOCKER_HOST} when set. */
  protected Map<String, String> engineEnvironment() {
    Map<String, String> environment = new HashMap<>(System.getenv());
    if (dockerHost != null && !dockerHost.isBlank()) {
      environment.put("DOCKER_HOST", dockerHost.trim());
    }
    return environment;
  }

  /** The project's directory; without a POM, where Maven runs. */
  protected Path baseDirectory() {
    return project.getBasedir() != null ? project.getBasedir().toPath()
        : Path.of(session.getRequest().getBaseDirectory());
  }

  /** The builder the POM's {@code <nodes>} declare, with the top-level driver settings applied to them. */
  private BuilderDeclaration declaration() {
    return new BuilderDeclaration(builderName(), nodes, null, null, endpointGiven() ? null : driverOpts, driverProperties(),
        buildkitdFlags, buildkitdConfig,
        expressions());
  }

  /** The standing daemon of {@code endpoint}, with {@code driverOpts} as its TLS files; null without one. */
  private DaemonChoice.StandingDaemon standingDaemon() {
    if (!endpointGiven()) {
      return null;
    }
    RemoteOptions options = RemoteOptions.parse(DriverOptionsCsv.parse(driverOpts), baseDirectory());
    return new DaemonChoice.StandingDaemon(RemoteEndpoint.parse(endpoint.trim(), options.tls()), options.defaultLoad());
  }

  private boolean endpointGiven() {
    return endpoint != null && !endpoint.isBlank();
  }
}
