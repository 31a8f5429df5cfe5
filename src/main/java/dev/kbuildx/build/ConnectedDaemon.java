package dev.kbuildx.build;

import dev.kbuildx.buildkit.ControlClient;
import dev.kbuildx.buildkit.DaemonFeatures;
import dev.kbuildx.driver.docker.EngineApi;
import io.grpc.ManagedChannel;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * An open connection to the daemon that builds, and what it needs closed with it.
 *
 * @param description what built, for logs and the build result, e.g. {@code docker-engine unix:///var/run/docker.sock}
 * @param engine the Docker Engine around the daemon, or null when the daemon is a buildkitd
 */
public record ConnectedDaemon(ManagedChannel channel, DaemonFeatures features, String description,
    EngineApi engine, List<AutoCloseable> resources) implements AutoCloseable {

  private static final long CLOSE_SECONDS = 10;

  public ConnectedDaemon {
    resources = List.copyOf(resources);
  }

  /**
   * Asks the daemon at the end of {@code channel} what it supports; closes the channel when it
   * does not answer.
   *
   * @param engine the Docker Engine around the daemon, or null for a buildkitd
   */
  static ConnectedDaemon handshake(ManagedChannel channel, String description, EngineApi engine) {
    try {
      DaemonFeatures features = DaemonFeatures.of(new ControlClient(channel).info(), engine != null);
      return new ConnectedDaemon(channel, features, description, engine, List.of());
    } catch (RuntimeException e) {
      channel.shutdownNow();
      throw e;
    }
  }

  /**
   * The Docker Engine whose BuildKit this is. Its BuildKit keeps images in the engine, so they are
   * pushed through the Engine API, as buildx does for its docker driver.
   */
  public Optional<EngineApi> dockerEngine() {
    return Optional.ofNullable(engine);
  }

  @Override
  public void close() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(CLOSE_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        // Nothing the build could still do about it; the connection is gone either way.
      }
    }
  }
}
