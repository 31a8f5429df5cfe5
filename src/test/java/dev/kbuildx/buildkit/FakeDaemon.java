package dev.kbuildx.buildkit;

import dev.kbuildx.transport.LocalTransport;
import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.netty.channel.ChannelOption;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * An in-process daemon for fault injection, on Netty's local transport like the client's own
 * bridged channels: what a real BuildKit cannot be made to do on demand.
 */
public final class FakeDaemon implements AutoCloseable {
  private static final long STOP_SECONDS = 10;

  private final Server server;
  private final ManagedChannel channel;

  private FakeDaemon(Server server, ManagedChannel channel) {
    this.server = server;
    this.channel = channel;
  }

  /** Serves {@code service} and opens a cleartext channel to it. */
  public static FakeDaemon serving(BindableService service) throws IOException {
    LocalAddress address = LocalTransport.newAddress("fake-daemon");
    Server server = NettyServerBuilder.forAddress(address)
        .channelType(LocalServerChannel.class)
        .bossEventLoopGroup(LocalTransport.eventLoops())
        .workerEventLoopGroup(LocalTransport.eventLoops())
        .withChildOption(ChannelOption.SO_KEEPALIVE, null)
        .addService(service)
        .build()
        .start();
    ManagedChannel channel = NettyChannelBuilder.forAddress(address)
        .channelType(LocalChannel.class)
        .eventLoopGroup(LocalTransport.eventLoops())
        .withOption(ChannelOption.SO_KEEPALIVE, null)
        .usePlaintext()
        .build();
    return new FakeDaemon(server, channel);
  }

  public ManagedChannel channel() {
    return channel;
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow().awaitTermination(STOP_SECONDS, TimeUnit.SECONDS);
    server.shutdownNow().awaitTermination(STOP_SECONDS, TimeUnit.SECONDS);
  }
}
