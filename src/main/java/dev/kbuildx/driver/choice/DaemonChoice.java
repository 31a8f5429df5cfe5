package dev.kbuildx.driver.choice;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.driver.Driver;
import dev.kbuildx.driver.kubernetes.BuilderNames;
import dev.kbuildx.driver.kubernetes.BuilderSpec;
import dev.kbuildx.driver.remote.RemoteEndpoint;
import java.util.List;

/**
 * Which builder runs a build. {@link #choose} applies the precedence, highest first:
 * <ol>
 *   <li>a standing daemon's endpoint ({@code tcp://} or {@code unix://});</li>
 *   <li>the builder declared with nodes: Kubernetes nodes, bootstrapped when missing or not ready,
 *       or standing daemons and Docker Engines;</li>
 *   <li>a builder that exists in the cluster, named explicitly;</li>
 *   <li>otherwise the local Docker Engine's BuildKit, as buildx's default builder.</li>
 * </ol>
 */
public sealed interface DaemonChoice {

  /** The setting key of the standing daemon's address. */
  String ENDPOINT = "endpoint";

  /**
   * A buildkitd that kbuildx dials itself.
   *
   * @param defaultLoad its {@code default-load} driver option
   */
  record StandingDaemon(RemoteEndpoint endpoint, boolean defaultLoad) implements DaemonChoice {}

  /** Nodes declared in the POM that kbuildx does not manage: standing daemons and Docker Engines. */
  record DeclaredNodes(List<Driver> nodes) implements DaemonChoice {
    public DeclaredNodes {
      nodes = List.copyOf(nodes);
    }
  }

  /**
   * A builder on Kubernetes.
   *
   * @param declared its declaration, which bootstraps it when needed; null when it must already exist
   */
  record ClusterBuilder(String name, BuilderSpec declared) implements DaemonChoice {}

  /** The BuildKit of the Docker Engine that {@code DOCKER_HOST} (or the default socket) names. */
  record DockerEngine() implements DaemonChoice {}

  /**
   * @param endpoint the standing daemon the user set, or null
   * @param explicitBuilder a builder name the user set, or null when none was set
   * @param declared the declared Kubernetes builder, or null when no Kubernetes nodes are declared
   * @param declaredNodes declared standing daemons and Docker Engines; empty when none are declared
   */
  static DaemonChoice choose(StandingDaemon endpoint, String explicitBuilder, BuilderSpec declared,
      List<Driver> declaredNodes) {
    if (endpoint != null) {
      if (explicitBuilder != null) {
        throw InvalidSettingException.setting(ENDPOINT, endpoint.endpoint().toString(), "a standing daemon and the Kubernetes"
            + " builder " + explicitBuilder + " exclude each other; set only one of them");
      }
      return endpoint;
    }
    if (!declaredNodes.isEmpty()) {
      return new DeclaredNodes(declaredNodes);
    }
    if (declared != null) {
      return new ClusterBuilder(declared.name(), declared);
    }
    if (explicitBuilder != null) {
      return new ClusterBuilder(BuilderNames.builder(explicitBuilder), null);
    }
    return new DockerEngine();
  }
}
