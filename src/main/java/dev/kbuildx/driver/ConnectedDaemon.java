package dev.kbuildx.driver;

import dev.kbuildx.buildkit.ControlClient;
import dev.kbuildx.buildkit.DaemonFeatures;
import dev.kbuildx.engine.EngineApi;
import io.grpc.ManagedChannel;
import dev.kbuildx.transport.DaemonConnectionException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * An open connection to the daemon that builds. Closing it ends this user's share of the
 * connection: the channel itself closes when its last user is done ({@link SharedConnections}).
 *
 * @param description what built, for logs and the build result, e.g. {@code docker-engine unix:///var/run/docker.sock}
 * @param engine the Docker Engine around the daemon, or null when the daemon is a buildkitd
 * @param release what closing does
 */
public record ConnectedDaemon(ManagedChannel channel, DaemonFeatures features, String description,
    EngineApi engine, Runnable release) implements AutoCloseable {

  private static final long CLOSE_SECONDS = 10;

  /**
   * Asks the daemon at the end of {@code channel} what it supports; closes the channel when it
   * does not answer.
   *
   * @param engine the Docker Engine around the daemon, or null for a buildkitd
   * @param connectTimeout how long reaching the daemon and its answer may take together
   */
  public static ConnectedDaemon handshake(ManagedChannel channel, String description, EngineApi engine,
      Duration connectTimeout) {
    try {
      DaemonFeatures features = DaemonFeatures.of(new ControlClient(channel).info(connectTimeout), engine != null);
      return new ConnectedDaemon(channel, features, description, engine, () -> shutdown(channel));
    } catch (RuntimeException e) {
      channel.shutdownNow();
      throw DaemonConnectionException.in(e).<RuntimeException>map(
          failure -> failure.during("Connecting to the BuildKit daemon")).orElse(e);
    }
  }

  /** The same connection, which also closes {@code resource} when it closes. */
  public ConnectedDaemon closingAlso(AutoCloseable resource) {
    return new ConnectedDaemon(channel, features, description, engine, () -> {
      release.run();
      try {
        resource.close();
      } catch (Exception e) {
        // The connection is closed; what it held cannot change a build's result.
      }
    });
  }

  /** The same connection, for another user who hands it back with {@code release}. */
  ConnectedDaemon sharedWith(Runnable otherRelease) {
    return new ConnectedDaemon(channel, features, description, engine, otherRelease);
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
    release.run();
  }

  private static void shutdown(ManagedChannel channel) {
    channel.shutdownNow();
    try {
      channel.awaitTermination(CLOSE_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
