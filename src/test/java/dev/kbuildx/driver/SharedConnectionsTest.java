package dev.kbuildx.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kbuildx.KbuildxException;
import dev.kbuildx.buildkit.DaemonFeatures;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class SharedConnectionsTest {
  private final SharedConnections connections = new SharedConnections();
  private final AtomicInteger dials = new AtomicInteger();

  /** A channel that is never used for a call, so it never connects anywhere. */
  private final Supplier<ConnectedDaemon> dial = () -> {
    dials.incrementAndGet();
    ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", 9).usePlaintext().build();
    return new ConnectedDaemon(channel, DaemonFeatures.CURRENT, "test daemon", null, channel::shutdownNow);
  };

  @Test
  void buildsAtTheSameTimeShareOneConnectionWhichClosesWithTheLastOfThem() {
    ConnectedDaemon first = connections.lease("engine", dial);
    ConnectedDaemon second = connections.lease("engine", dial);

    assertThat(dials).hasValue(1);
    assertThat(second.channel()).isSameAs(first.channel());

    first.close();
    first.close();
    assertThat(second.channel().isShutdown()).isFalse();
    assertThat(connections.openConnections()).isEqualTo(1);

    second.close();
    assertThat(second.channel().isShutdown()).isTrue();
    assertThat(connections.openConnections()).isZero();

    try (ConnectedDaemon third = connections.lease("engine", dial)) {
      assertThat(dials).hasValue(2);
      assertThat(third.channel().isShutdown()).isFalse();
    }
  }

  @Test
  void eachDaemonHasItsOwnConnection() {
    try (ConnectedDaemon amd = connections.lease("remote tcp://amd:1234", dial);
        ConnectedDaemon arm = connections.lease("remote tcp://arm:1234", dial)) {
      assertThat(amd.channel()).isNotSameAs(arm.channel());
      assertThat(connections.openConnections()).isEqualTo(2);
    }
  }

  @Test
  void aFailedDialLeavesNothingBehindAndTheNextLeaseDialsAgain() {
    assertThatThrownBy(() -> connections.lease("engine", () -> {
      throw new KbuildxException("cannot connect");
    })).hasMessage("cannot connect");

    try (ConnectedDaemon daemon = connections.lease("engine", dial)) {
      assertThat(dials).hasValue(1);
      assertThat(connections.openConnections()).isEqualTo(1);
    }
  }

  @Test
  void concurrentModulesDialOnce() throws Exception {
    int modules = 4;
    ExecutorService pool = Executors.newFixedThreadPool(modules);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<ConnectedDaemon>> leases = new ArrayList<>();
      for (int i = 0; i < modules; i++) {
        leases.add(pool.submit(() -> {
          start.await();
          return connections.lease("kubernetes ci/kbuildx0-0", dial);
        }));
      }
      start.countDown();
      List<ConnectedDaemon> daemons = new ArrayList<>();
      for (Future<ConnectedDaemon> lease : leases) {
        daemons.add(lease.get(10, TimeUnit.SECONDS));
      }

      assertThat(dials).hasValue(1);
      assertThat(daemons).extracting(ConnectedDaemon::channel).containsOnly(daemons.get(0).channel());
      daemons.forEach(ConnectedDaemon::close);
      assertThat(daemons.get(0).channel().isShutdown()).isTrue();
    } finally {
      pool.shutdownNow();
    }
  }
}
