package dev.kbuildx.driver.remote;

import dev.kbuildx.driver.ConnectedDaemon;
import dev.kbuildx.driver.Driver;
import dev.kbuildx.driver.DriverDescription;
import dev.kbuildx.driver.DriverFeatures;
import dev.kbuildx.driver.SharedConnections;
import dev.kbuildx.platform.Platform;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A buildkitd that kbuildx dials itself, at {@code tcp://} or {@code unix://}, like buildx's remote driver.
 *
 * @param defaultLoad the node's {@code default-load} option
 */
public record RemoteDriver(String name, List<Platform> platforms, RemoteEndpoint endpoint, boolean defaultLoad)
    implements Driver {

  public RemoteDriver {
    platforms = List.copyOf(platforms);
  }

  @Override
  public DriverFeatures features() {
    return new DriverFeatures(true, defaultLoad, false);
  }

  @Override
  public DriverDescription describe() {
    return DriverDescription.external("remote", endpoint.toString(),
        defaultLoad ? Map.of(RemoteOptions.DEFAULT_LOAD, "true") : Map.of());
  }

  /** Builds that run at the same time share one connection to the daemon. */
  @Override
  public ConnectedDaemon dial(Duration connectTimeout) {
    return SharedConnections.JVM.lease("remote " + endpoint, () -> ConnectedDaemon.handshake(
        endpoint.openChannel(connectTimeout), "remote " + endpoint, null, connectTimeout));
  }
}
