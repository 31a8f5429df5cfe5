package dev.kbuildx.buildkit.session;

import dev.kbuildx.KbuildxException;
import dev.kbuildx.transport.LocalTransport;
import dev.kbuildx.transport.StreamChannels;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The gRPC server a session exposes to the daemon, listening on an in-process address only: the
 * daemon reaches it through the one connection the session carries, and no other local user can
 * reach its credential-bearing services. Health is always served, since the daemon drops sessions
 * whose health checks fail.
 */
final class SessionServer implements AutoCloseable {
  /** grpc-go clients send BDP pings freely; a strict ping policy would make the server hang up. */
  private static final long PERMITTED_PING_INTERVAL_SECONDS = 1;
  private static final long SHUTDOWN_GRACE_SECONDS = 5;

  private final Server server;
  private final LocalAddress address;
  private final List<String> methodPaths;

  private SessionServer(Server server, LocalAddress address, List<String> methodPaths) {
    this.server = server;
    this.address = address;
    this.methodPaths = methodPaths;
  }

  static SessionServer start(List<ServerServiceDefinition> services) {
    LocalAddress address = LocalTransport.newAddress("kbuildx-session");
    BindableService health = new HealthStatusManager().getHealthService();
    NettyServerBuilder builder = NettyServerBuilder.forAddress(address)
        .channelType(LocalServerChannel.class)
        .bossEventLoopGroup(LocalTransport.eventLoops())
        .workerEventLoopGroup(LocalTransport.eventLoops())
        .withChildOption(ChannelOption.SO_KEEPALIVE, null)
        .maxInboundMessageSize(StreamChannels.MAX_MESSAGE_SIZE)
        .permitKeepAliveTime(PERMITTED_PING_INTERVAL_SECONDS, TimeUnit.SECONDS)
        .permitKeepAliveWithoutCalls(true)
        .intercept(CallMetadata.INTERCEPTOR)
        .addService(health);
    List<String> paths = new ArrayList<>(paths(health.bindService()));
    for (ServerServiceDefinition service : services) {
      builder.addService(service);
      paths.addAll(paths(service));
    }
    try {
      return new SessionServer(builder.build().start(), address, List.copyOf(paths));
    } catch (IOException e) {
      throw new KbuildxException("the in-process session server could not start: " + e.getMessage(), e);
    }
  }

  /** Every method served, as {@code /<full service name>/<method>}, for the daemon's method list. */
  List<String> methodPaths() {
    return methodPaths;
  }

  /** Opens the one connection to the server; reading starts once the handler turns auto-read on. */
  Channel connect(ChannelHandler handler) {
    return new Bootstrap()
        .group(LocalTransport.eventLoops())
        .channel(LocalChannel.class)
        .option(ChannelOption.AUTO_READ, false)
        .handler(handler)
        .connect(address)
        .syncUninterruptibly()
        .channel();
  }

  @Override
  public void close() {
    server.shutdown();
    try {
      if (!server.awaitTermination(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS)) {
        server.shutdownNow();
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private static List<String> paths(ServerServiceDefinition service) {
    List<String> paths = new ArrayList<>();
    for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
      paths.add("/" + method.getMethodDescriptor().getFullMethodName());
    }
    paths.sort(null);
    return paths;
  }
}
