package dev.kbuildx.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ClientResponseObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** gRPC through {@link StreamChannels} to a real grpc-java server on the loopback interface, over plain TCP streams. */
class StreamChannelsTest {
  private static final long LARGE = 48L * 1024 * 1024;

  private final List<Server> servers = new ArrayList<>();
  private final List<ManagedChannel> channels = new ArrayList<>();

  @AfterEach
  void stop() throws InterruptedException {
    for (ManagedChannel channel : channels) {
      channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
    for (Server server : servers) {
      server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void answersManyCallsOnOneChannelSequentiallyAndConcurrently() {
    ManagedChannel channel = channelTo(start(new BulkService(0)));
    HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);

    for (int i = 0; i < 20; i++) {
      assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus())
          .isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
    }
    List<CompletableFuture<HealthCheckResponse.ServingStatus>> concurrent = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      concurrent.add(CompletableFuture.supplyAsync(() -> health.check(HealthCheckRequest.getDefaultInstance()).getStatus()));
    }
    assertThat(concurrent).allSatisfy(call -> assertThat(call.join()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING));
  }

  @Test
  void downloadsALargeStreamIntact() {
    ManagedChannel channel = channelTo(start(new BulkService(0)));
    MessageDigest expected = BulkService.sha256();
    MessageDigest actual = BulkService.sha256();
    long offset = 0;

    Iterator<byte[]> chunks = ClientCalls.blockingServerStreamingCall(
        channel, BulkService.DOWNLOAD, CallOptions.DEFAULT.withDeadlineAfter(60, TimeUnit.SECONDS),
        ByteBuffer.allocate(Long.BYTES).putLong(LARGE).array());
    while (chunks.hasNext()) {
      byte[] chunk = chunks.next();
      actual.update(chunk);
      expected.update(BulkService.chunk(offset, chunk.length));
      offset += chunk.length;
    }

    assertThat(offset).isEqualTo(LARGE);
    assertThat(actual.digest()).isEqualTo(expected.digest());
  }

  @Test
  void uploadsALargeStreamIntactAndNeverRunsFarAheadOfASlowServer() throws Exception {
    BulkService slow = new BulkService(20);
    ManagedChannel channel = channelTo(start(slow));
    MessageDigest sent = BulkService.sha256();
    AtomicLong sentBytes = new AtomicLong();
    AtomicLong largestLead = new AtomicLong();
    CompletableFuture<byte[]> serverDigest = new CompletableFuture<>();

    ClientCalls.asyncClientStreamingCall(
        channel.newCall(BulkService.UPLOAD, CallOptions.DEFAULT.withDeadlineAfter(120, TimeUnit.SECONDS)),
        new ClientResponseObserver<byte[], byte[]>() {
          @Override
          public void beforeStart(ClientCallStreamObserver<byte[]> requests) {
            requests.setOnReadyHandler(() -> {
              while (requests.isReady() && sentBytes.get() < LARGE / 4) {
                byte[] chunk = BulkService.chunk(sentBytes.get(), BulkService.CHUNK);
                sent.update(chunk);
                requests.onNext(chunk);
                long total = sentBytes.addAndGet(chunk.length);
                largestLead.accumulateAndGet(total - slow.received.get(), Math::max);
                if (total == LARGE / 4) {
                  requests.onCompleted();
                }
              }
            });
          }

          @Override
          public void onNext(byte[] digest) {
            serverDigest.complete(digest);
          }

          @Override
          public void onError(Throwable error) {
            serverDigest.completeExceptionally(error);
          }

          @Override
          public void onCompleted() {}
        });

    assertThat(serverDigest.get(120, TimeUnit.SECONDS)).isEqualTo(sent.digest());
    // Flow control holds the client back: only windows and small buffers lie between the two.
    assertThat(largestLead.get()).isLessThan(8L * 1024 * 1024);
  }

  @Test
  void aServerThatGoesAwayFailsCallsNamingTheEndpoint() throws InterruptedException {
    Server server = start(new BulkService(0));
    TcpConnector connector = new TcpConnector("127.0.0.1", server.getPort());
    ManagedChannel channel = open(connector);
    HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel);
    assertThat(health.withDeadlineAfter(30, TimeUnit.SECONDS).check(HealthCheckRequest.getDefaultInstance()).getStatus())
        .isEqualTo(HealthCheckResponse.ServingStatus.SERVING);

    server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);

    assertThatThrownBy(() -> health.withDeadlineAfter(30, TimeUnit.SECONDS).check(HealthCheckRequest.getDefaultInstance()))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE))
        .hasMessageContaining(connector.endpoint());
  }

  @Test
  void aRefusedConnectionFailsCallsNamingTheEndpointAndTheCause() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    TcpConnector connector = new TcpConnector("127.0.0.1", closedPort);
    ManagedChannel channel = open(connector);

    assertThatThrownBy(() -> HealthGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
            .check(HealthCheckRequest.getDefaultInstance()))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE))
        .hasMessageContaining("cannot connect to tcp://127.0.0.1:" + closedPort)
        .hasMessageContaining("refused");
  }

  private Server start(BulkService bulk) {
    try {
      Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
          .addService(new HealthStatusManager().getHealthService())
          .addService(bulk.definition())
          .build()
          .start();
      servers.add(server);
      return server;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private ManagedChannel channelTo(Server server) {
    return open(new TcpConnector("127.0.0.1", server.getPort()));
  }

  private ManagedChannel open(ByteStreamConnector connector) {
    ManagedChannel channel = StreamChannels.open(connector);
    channels.add(channel);
    return channel;
  }
}
