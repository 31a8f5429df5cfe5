package dev.kbuildx.buildkit.session;

import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalServerChannel;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** A real gRPC server and channel for one session service, joined by Netty's in-memory transport. */
final class LocalGrpcServer {
  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, LocalIoHandler.newFactory());
  private final Server server;
  private final ManagedChannel channel;

  LocalGrpcServer(BindableService service) throws IOException {
    LocalAddress address = new LocalAddress("kbuildx-test-" + UUID.randomUUID());
    server = NettyServerBuilder.forAddress(address)
        .channelType(LocalServerChannel.class)
        .bossEventLoopGroup(group)
        .workerEventLoopGroup(group)
        .addService(service)
        .build()
        .start();
    channel = NettyChannelBuilder.forAddress(address)
        .channelType(LocalChannel.class, LocalAddress.class)
        .eventLoopGroup(group)
        .usePlaintext()
        .build();
  }

  ManagedChannel channel() {
    return channel;
  }

  void stop() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    group.shutdownGracefully(0, 0, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
  }
}
