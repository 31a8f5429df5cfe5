package dev.kbuildx.build;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.builder.BuilderNames;
import dev.kbuildx.builder.BuilderSpec;
import dev.kbuildx.driver.remote.RemoteEndpoint;

/**
 * Which daemon runs a build. {@link #choose} applies the precedence, highest first:
 * <ol>
 *   <li>a standing daemon's endpoint ({@code tcp://} or {@code unix://});</li>
 *   <li>the builder declared with nodes, bootstrapped when missing or not ready;</li>
 *   <li>a builder that exists in the cluster, named explicitly;</li>
 *   <li>otherwise the local Docker Engine's BuildKit, as buildx's default builder.</li>
 * </ol>
 */
public sealed interface DaemonChoice {

  /** The setting key of the standing daemon's address. */
  String ENDPOINT = "endpoint";

  /** A buildkitd that kbuildx dials itself. */
  record StandingDaemon(RemoteEndpoint endpoint) implements DaemonChoice {}

  /**
   * A builder on Kubernetes.
   *
   * @param declared its declaration, which bootstraps it when needed; null when it must already exist
   */
  record ClusterBuilder(String name, BuilderSpec declared) implements DaemonChoice {}

  /** The BuildKit of the Docker Engine that {@code DOCKER_HOST} (or the default socket) names. */
  record DockerEngine() implements DaemonChoice {}

  /**
   * @param endpoint a standing daemon's address, or null or blank
   * @param explicitBuilder a builder name the user set, or null when none was set
   * @param declared the declared builder, or null when no nodes are declared
   */
  static DaemonChoice choose(String endpoint, String explicitBuilder, BuilderSpec declared) {
    if (endpoint != null && !endpoint.isBlank()) {
      if (explicitBuilder != null) {
        throw InvalidSettingException.setting(ENDPOINT, endpoint.trim(), "a standing daemon and the Kubernetes builder "
            + explicitBuilder + " exclude each other; set only one of them");
      }
      return new StandingDaemon(RemoteEndpoint.parse(endpoint.trim()));
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
