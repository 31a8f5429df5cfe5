package dev.kbuildx.build;

import dev.kbuildx.driver.remote.RemoteEndpoint;
import dev.kbuildx.platform.Platform;
import io.grpc.ManagedChannel;
import java.util.List;

/** A buildkitd that kbuildx dials itself, at {@code tcp://} or {@code unix://}, like buildx's remote driver. */
public record StandingNode(String name, List<Platform> platforms, RemoteEndpoint endpoint, boolean defaultLoad)
    implements BuildNode {

  public StandingNode {
    platforms = List.copyOf(platforms);
  }

  @Override
  public ConnectedDaemon connect() {
    ManagedChannel channel = endpoint.openChannel();
    return ConnectedDaemon.handshake(channel, "remote " + endpoint, null);
  }
}
