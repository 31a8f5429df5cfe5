package dev.kbuildx.bench;

import dev.kbuildx.buildkit.proto.control.ControlGrpc;
import dev.kbuildx.buildkit.proto.control.InfoRequest;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * The least a JVM client of BuildKit can do, for the start-up case's reference: from its first line,
 * one plain gRPC channel over Netty and one {@code Control/Info} call, answered. No Maven and no
 * kbuildx code run, so what it takes is the cost of a fresh JVM loading gRPC, Netty and protobuf.
 * Prints the milliseconds on a line of its own: {@code answered after N ms}.
 */
public final class GrpcFloor {
  private GrpcFloor() {}

  /** @param arguments the daemon's {@code tcp://host:port} */
  public static void main(String[] arguments) throws InterruptedException {
    long started = System.nanoTime();
    URI address = URI.create(arguments[0]);
    ManagedChannel channel = NettyChannelBuilder.forAddress(address.getHost(), address.getPort())
        .usePlaintext().build();
    try {
      ControlGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS)
          .info(InfoRequest.getDefaultInstance());
      System.out.println("answered after " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
    } finally {
      channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
  }
}
