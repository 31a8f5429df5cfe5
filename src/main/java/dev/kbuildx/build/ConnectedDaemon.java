package dev.kbuildx.build;

import dev.kbuildx.buildkit.DaemonFeatures;
import io.grpc.ManagedChannel;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An open connection to the daemon that builds, and what it needs closed with it.
 *
 * @param description what built, for logs and the build result, e.g. {@code docker-engine unix:///var/run/docker.sock}
 */
public record ConnectedDaemon(ManagedChannel channel, DaemonFeatures features, String description,
    List<AutoCloseable> resources) implements AutoCloseable {

  private static final long CLOSE_SECONDS = 10;

  public ConnectedDaemon {
    resources = List.copyOf(resources);
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
