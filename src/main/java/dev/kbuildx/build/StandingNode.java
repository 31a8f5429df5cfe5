package dev.kbuildx.build;

import dev.kbuildx.driver.remote.RemoteEndpoint;
import dev.kbuildx.platform.Platform;
import java.util.List;

/** A buildkitd that kbuildx dials itself, at {@code tcp://} or {@code unix://}, like buildx's remote driver. */
public record StandingNode(String name, List<Platform> platforms, RemoteEndpoint endpoint, boolean defaultLoad)
    implements BuildNode {

  public StandingNode {
    platforms = List.copyOf(platforms);
  }

  /** Builds that run at the same time share one connection to the daemon. */
  @Override
  public ConnectedDaemon connect() {
    return SharedConnections.JVM.lease("remote " + endpoint,
        () -> ConnectedDaemon.handshake(endpoint.openChannel(), "remote " + endpoint, null));
  }
}
