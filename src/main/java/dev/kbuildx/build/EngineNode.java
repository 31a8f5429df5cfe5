package dev.kbuildx.build;

import dev.kbuildx.KbuildxException;
import dev.kbuildx.driver.docker.DockerEngineConnector;
import dev.kbuildx.driver.docker.EngineApi;
import dev.kbuildx.platform.Platform;
import dev.kbuildx.transport.StreamChannels;
import java.util.List;
import java.util.Map;

/**
 * The BuildKit inside a Docker Engine, like buildx's docker driver: reached through the engine's
 * {@code /grpc} endpoint, and its images pushed and loaded through the Engine API.
 *
 * @param environment names the engine: {@code DOCKER_HOST} and its TLS variables
 * @param implicit the engine was chosen because nothing else was configured; its failure then
 *     says how to configure a builder
 */
public record EngineNode(String name, List<Platform> platforms, Map<String, String> environment, boolean implicit)
    implements BuildNode {

  public EngineNode {
    platforms = List.copyOf(platforms);
    environment = Map.copyOf(environment);
  }

  /** The engine's builder keeps what it builds in the engine; there is nothing to load. */
  @Override
  public boolean defaultLoad() {
    return false;
  }

  /** Builds that run at the same time share one connection to the engine. */
  @Override
  public ConnectedDaemon connect() {
    DockerEngineConnector engine = DockerEngineConnector.fromEnvironment(environment);
    String description = "docker-engine " + engine.endpoint();
    try {
      return SharedConnections.JVM.lease(description, () -> ConnectedDaemon.handshake(StreamChannels.open(engine),
          description, EngineApi.fromEnvironment(environment)));
    } catch (KbuildxException e) {
      if (!implicit) {
        throw e;
      }
      throw new KbuildxException("No builder is configured and the Docker Engine at " + engine.endpoint()
          + " cannot build (" + e.getMessage() + "). Start the engine or set DOCKER_HOST, declare the builder's"
          + " <nodes>, name an existing builder with -Dkbuildx.builder, or a standing BuildKit daemon with"
          + " -Dkbuildx.endpoint", e);
    }
  }
}
