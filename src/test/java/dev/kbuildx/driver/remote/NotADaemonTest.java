package dev.kbuildx.driver.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.kbuildx.transport.DaemonConnectionException;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Dialling an address where no BuildKit daemon answers, through the standing-daemon driver as the
 * build goal does: a listener that never answers fails at the connect timeout, and an HTTP/1.1 server
 * or a gRPC server of another kind are named as not BuildKit.
 */
class NotADaemonTest {
  private static final Duration LIMIT = Duration.ofSeconds(3);
  private static final String CHECK_THE_ADDRESS = ". Check the address: it must be where buildkitd serves gRPC"
      + " (buildkitd --addr)";

  @Test
  void aListenerThatNeverAnswersFailsAtTheConnectTimeoutNamingItAndTheLimit() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CountDownLatch testDone = new CountDownLatch(1);
      CompletableFuture<Void> listener = CompletableFuture.runAsync(() -> acceptAndStaySilent(silent, testDone));
      String endpoint = "tcp://127.0.0.1:" + silent.getLocalPort();
      long start = System.nanoTime();
      try {
        assertThatThrownBy(() -> dial(endpoint, LIMIT))
            .isInstanceOf(DaemonConnectionException.class)
            .hasMessage("Connecting to the BuildKit daemon failed: " + endpoint + " did not answer within 3 seconds:"
                + " it accepted the connection but sent nothing back. Check that the address is a BuildKit daemon"
                + " that runs; if it is only slow, raise the limit with connectTimeout"
                + " (-Dkbuildx.connectTimeout=<seconds>)");
      } finally {
        testDone.countDown();
      }
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(took).as("fails at the limit, not gRPC's own minute").isBetween(LIMIT, LIMIT.plusSeconds(5));
      listener.get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void anHttp1ServerIsNamedAsNotBuildkitWithItsStatusLine() throws Exception {
    HttpServer web = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    web.start();
    try {
      String endpoint = "tcp://127.0.0.1:" + web.getAddress().getPort();

      assertThatThrownBy(() -> dial(endpoint, LIMIT))
          .isInstanceOf(DaemonConnectionException.class)
          .hasMessage("Connecting to the BuildKit daemon failed: " + endpoint + " is not a BuildKit daemon: it"
              + " answered HTTP/1.1 404 Not Found" + CHECK_THE_ADDRESS);
    } finally {
      web.stop(0);
    }
  }

  @Test
  void aGrpcServerWithoutBuildkitsControlApiIsNamedAsNotBuildkit() throws Exception {
    Server other = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
        .addService(new HealthStatusManager().getHealthService())
        .build()
        .start();
    try {
      String endpoint = "tcp://127.0.0.1:" + other.getPort();

      assertThatThrownBy(() -> dial(endpoint, LIMIT))
          .isInstanceOf(DaemonConnectionException.class)
          .hasMessage("Connecting to the BuildKit daemon failed: " + endpoint + " is not a BuildKit daemon: it does"
              + " not serve BuildKit's Control API (Method not found: moby.buildkit.v1.Control/Info)"
              + CHECK_THE_ADDRESS);
    } finally {
      other.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  private static void dial(String endpoint, Duration limit) {
    new RemoteDriver("default", List.of(), RemoteEndpoint.parse(endpoint), false).dial(limit).close();
  }

  /** Accepts every connection and reads nothing, until the test is done. */
  private static void acceptAndStaySilent(ServerSocket listener, CountDownLatch testDone) {
    try (Socket accepted = listener.accept()) {
      testDone.await();
    } catch (IOException e) {
      throw new IllegalStateException("the silent listener failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
