package dev.kbuildx.driver.docker;

import dev.kbuildx.KbuildxException;
import dev.kbuildx.driver.ConnectedDaemon;
import dev.kbuildx.driver.Driver;
import dev.kbuildx.driver.DriverDescription;
import dev.kbuildx.driver.DriverFeatures;
import dev.kbuildx.driver.SharedConnections;
import dev.kbuildx.engine.EngineApi;
import dev.kbuildx.platform.Platform;
import dev.kbuildx.transport.StreamChannels;
import java.time.Duration;
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
public record DockerDriver(String name, List<Platform> platforms, Map<String, String> environment, boolean implicit)
    implements Driver {

  public DockerDriver {
    platforms = List.copyOf(platforms);
    environment = Map.copyOf(environment);
  }

  /**
   * The engine's image store holds one platform per tag, and the engine's builder keeps what it
   * builds in the engine, so there is nothing to load.
   */
  @Override
  public DriverFeatures features() {
    return new DriverFeatures(false, false, false);
  }

  @Override
  public DriverDescription describe() {
    return DriverDescription.external("docker", DockerEngineConnector.fromEnvironment(environment).endpoint(), Map.of());
  }

  /** Builds that run at the same time share one connection to the engine. */
  @Override
  public ConnectedDaemon dial(Duration connectTimeout) {
    DockerEngineConnector engine = DockerEngineConnector.fromEnvironment(environment);
    String description = "docker-engine " + engine.endpoint();
    try {
      return SharedConnections.JVM.lease(description, () -> ConnectedDaemon.handshake(StreamChannels.open(engine),
          description, EngineApi.fromEnvironment(environment), connectTimeout));
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
