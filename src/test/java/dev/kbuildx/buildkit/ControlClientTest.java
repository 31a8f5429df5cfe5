package dev.kbuildx.buildkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Timestamp;
import dev.kbuildx.KbuildxException;
import dev.kbuildx.buildkit.proto.control.ControlGrpc;
import dev.kbuildx.buildkit.proto.control.DiskUsageRequest;
import dev.kbuildx.buildkit.proto.control.DiskUsageResponse;
import dev.kbuildx.buildkit.proto.control.InfoResponse;
import dev.kbuildx.buildkit.proto.control.ListWorkersRequest;
import dev.kbuildx.buildkit.proto.control.ListWorkersResponse;
import dev.kbuildx.buildkit.proto.control.PruneRequest;
import dev.kbuildx.buildkit.proto.control.UsageRecord;
import dev.kbuildx.buildkit.proto.worker.BuildkitVersion;
import dev.kbuildx.buildkit.proto.worker.WorkerRecord;
import dev.kbuildx.platform.Platform;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalServerChannel;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ControlClientTest {
  private static EventLoopGroup loops;

  @BeforeAll
  static void startLoops() {
    loops = new MultiThreadIoEventLoopGroup(1, LocalIoHandler.newFactory());
  }

  @AfterAll
  static void stopLoops() {
    loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }

  private static dev.kbuildx.buildkit.proto.ops.Platform reported(String os, String arch, String variant) {
    return dev.kbuildx.buildkit.proto.ops.Platform.newBuilder()
        .setOS(os).setArchitecture(arch).setVariant(variant).build();
  }

  @Nested
  class Mapping {

    @Test
    void daemonInfoCarriesVersionAndRevision() {
      InfoResponse response = InfoResponse.newBuilder()
          .setBuildkitVersion(BuildkitVersion.newBuilder()
              .setPackage("github.com/moby/buildkit").setVersion("v0.23.2").setRevision("2f0fa1f"))
          .build();

      assertThat(ControlClient.toDaemonInfo(response)).isEqualTo(new DaemonInfo("v0.23.2", "2f0fa1f"));
    }

    @Test
    void workerKeepsIdLabelsAndThePlatformOrder() {
      WorkerRecord record = WorkerRecord.newBuilder()
          .setID("k2x9worker")
          .putLabels("org.mobyproject.buildkit.worker.executor", "oci")
          .putLabels("org.mobyproject.buildkit.worker.hostname", "builder-0")
          .addPlatforms(reported("linux", "arm64", ""))
          .addPlatforms(reported("linux", "amd64", ""))
          .addPlatforms(reported("linux", "amd64", "v2"))
          .addPlatforms(reported("linux", "arm", "v7"))
          .build();

      WorkerInfo worker = ControlClient.toWorkerInfo(record);

      assertThat(worker.id()).isEqualTo("k2x9worker");
      assertThat(worker.labels()).containsExactlyInAnyOrderEntriesOf(Map.of(
          "org.mobyproject.buildkit.worker.executor", "oci",
          "org.mobyproject.buildkit.worker.hostname", "builder-0"));
      assertThat(worker.platforms()).containsExactly(
          new Platform("linux", "arm64", null),
          new Platform("linux", "amd64", null),
          new Platform("linux", "amd64", "v2"),
          new Platform("linux", "arm", "v7"));
    }

    @Test
    void workerPlatformsAreNormalisedAndDeduplicated() {
      WorkerRecord record = WorkerRecord.newBuilder()
          .setID("w")
          .addPlatforms(reported("linux", "arm64", ""))
          .addPlatforms(reported("linux", "arm64", "v8"))
          .addPlatforms(reported("linux", "x86_64", ""))
          .addPlatforms(reported("linux", "arm", ""))
          .build();

      assertThat(ControlClient.toWorkerInfo(record).platforms()).containsExactly(
          new Platform("linux", "arm64", null),
          new Platform("linux", "amd64", null),
          new Platform("linux", "arm", "v7"));
    }

    @Test
    void aPlatformKbuildxWouldRefuseFromAUserIsShownAsReported() {
      assertThat(ControlClient.toPlatform(reported("", "amd64", ""))).isEqualTo(new Platform("", "amd64", null));
      assertThat(ControlClient.toPlatform(reported("linux", "Weird Arch", "x")))
          .isEqualTo(new Platform("linux", "Weird Arch", "x"));
    }

    @Test
    void usageRecordWithLastUse() {
      UsageRecord record = UsageRecord.newBuilder()
          .setID("xq0cm1k2")
          .setSize(4_096_000)
          .setInUse(true)
          .setDescription("mount / from exec /bin/sh -c make")
          .setCreatedAt(Timestamp.newBuilder().setSeconds(1_600_000_000))
          .setLastUsedAt(Timestamp.newBuilder().setSeconds(1_700_000_000).setNanos(123_000_000))
          .setUsageCount(3)
          .setRecordType("exec.cachemount")
          .setMutable(true)
          .setShared(true)
          .addParents("p1")
          .addParents("p2")
          .build();

      assertThat(ControlClient.toUsageInfo(record)).isEqualTo(new UsageInfo("xq0cm1k2", List.of("p1", "p2"),
          Instant.ofEpochSecond(1_600_000_000), Instant.ofEpochSecond(1_700_000_000, 123_000_000), 3, 4_096_000,
          "mount / from exec /bin/sh -c make", "exec.cachemount", true, true, true));
    }

    @Test
    void usageRecordNeverUsedHasNoLastUse() {
      UsageRecord record = UsageRecord.newBuilder().setID("fresh").setSize(1).build();

      UsageInfo usage = ControlClient.toUsageInfo(record);

      assertThat(usage.lastUsed()).isNull();
      assertThat(usage.createdAt()).isNull();
      assertThat(usage.inUse()).isFalse();
      assertThat(usage.reclaimable()).isTrue();
      assertThat(usage.description()).isEmpty();
    }

    @Test
    void pruneRequestCarriesAllAndTheKeepDurationInNanoseconds() {
      PruneRequest request = ControlClient.pruneRequest(PruneSpec.of(true, Duration.ofHours(48)));

      assertThat(request.getAll()).isTrue();
      assertThat(request.getKeepDuration()).isEqualTo(172_800_000_000_000L);
      assertThat(request.getFilterList()).isEmpty();
      assertThat(request.getReservedSpace()).isZero();
    }

    @Test
    void pruneRequestCarriesTheSpaceLimitsAndOneFilterThatAllExpressionsMustMatch() {
      PruneRequest request = ControlClient.pruneRequest(new PruneSpec(false, Duration.ZERO, 1_000, 2_000, 3_000,
          List.of("type==regular", "description~=COPY")));

      assertThat(request.getReservedSpace()).isEqualTo(1_000);
      assertThat(request.getMaxUsedSpace()).isEqualTo(2_000);
      assertThat(request.getMinFreeSpace()).isEqualTo(3_000);
      assertThat(request.getFilterList()).containsExactly("type==regular,description~=COPY");
    }

    @Test
    void pruneRequestWithoutKeepDuration() {
      PruneRequest request = ControlClient.pruneRequest(PruneSpec.of(false, Duration.ZERO));

      assertThat(request.getAll()).isFalse();
      assertThat(request.getKeepDuration()).isZero();
    }

    @Test
    void aKeepDurationBeyondNanosecondRangeKeepsEverything() {
      assertThat(ControlClient.pruneRequest(PruneSpec.of(false, Duration.ofDays(200 * 365L))).getKeepDuration())
          .isEqualTo(Duration.ofDays(200 * 365L).toNanos());
      assertThat(ControlClient.pruneRequest(PruneSpec.of(false, Duration.ofDays(400 * 365L))).getKeepDuration())
          .isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aNegativeKeepDurationIsRefused() {
      assertThatThrownBy(() -> PruneSpec.of(false, Duration.ofSeconds(-1)))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  /** Daemons that lack calls or fail them, served in memory. */
  @Nested
  class Faults {

    @Test
    void aDaemonOlderThanV011HasAnUnknownVersion() throws Exception {
      try (FakeDaemon daemon = new FakeDaemon(new ControlGrpc.ControlImplBase() {})) {
        assertThat(daemon.client().info()).isEqualTo(new DaemonInfo(DaemonInfo.UNKNOWN, ""));
      }
    }

    @Test
    void aFailedCallSaysWhatWasDoneAndWhatTheDaemonAnswered() throws Exception {
      ControlGrpc.ControlImplBase failing = new ControlGrpc.ControlImplBase() {
        @Override
        public void diskUsage(DiskUsageRequest request, StreamObserver<DiskUsageResponse> response) {
          response.onError(Status.INTERNAL.withDescription("failed to walk snapshots").asRuntimeException());
        }
      };
      try (FakeDaemon daemon = new FakeDaemon(failing)) {
        assertThatThrownBy(() -> daemon.client().diskUsage())
            .isInstanceOf(KbuildxException.class)
            .hasMessage("Could not read the build-cache usage of the BuildKit daemon: INTERNAL: failed to walk snapshots");
      }
    }

    @Test
    void aFailureWithoutDescriptionNamesTheCode() throws Exception {
      ControlGrpc.ControlImplBase failing = new ControlGrpc.ControlImplBase() {
        @Override
        public void listWorkers(ListWorkersRequest request, StreamObserver<ListWorkersResponse> response) {
          response.onError(Status.UNAVAILABLE.asRuntimeException());
        }
      };
      try (FakeDaemon daemon = new FakeDaemon(failing)) {
        assertThatThrownBy(() -> daemon.client().listWorkers())
            .isInstanceOf(KbuildxException.class)
            .hasMessage("Could not list the workers of the BuildKit daemon: UNAVAILABLE");
      }
    }

    @Test
    void aPruneThatBreaksOffMidwayFails() throws Exception {
      ControlGrpc.ControlImplBase breaking = new ControlGrpc.ControlImplBase() {
        @Override
        public void prune(PruneRequest request, StreamObserver<UsageRecord> response) {
          response.onNext(UsageRecord.newBuilder().setID("gone").build());
          response.onError(Status.ABORTED.withDescription("worker shut down").asRuntimeException());
        }
      };
      try (FakeDaemon daemon = new FakeDaemon(breaking)) {
        assertThatThrownBy(() -> daemon.client().prune(PruneSpec.of(true, Duration.ZERO)))
            .isInstanceOf(KbuildxException.class)
            .hasMessage("Could not prune the build cache of the BuildKit daemon: ABORTED: worker shut down");
      }
    }

    /** A Control service on an in-memory Netty address, with a client connected to it. */
    private static final class FakeDaemon implements AutoCloseable {
      private final Server server;
      private final ManagedChannel channel;

      FakeDaemon(ControlGrpc.ControlImplBase service) throws IOException {
        LocalAddress address = new LocalAddress("fake-buildkitd-" + UUID.randomUUID());
        server = NettyServerBuilder.forAddress(address)
            .channelType(LocalServerChannel.class)
            .bossEventLoopGroup(loops)
            .workerEventLoopGroup(loops)
            .directExecutor()
            .addService(service)
            .build()
            .start();
        channel = NettyChannelBuilder.forAddress(address)
            .channelType(LocalChannel.class)
            .eventLoopGroup(loops)
            .directExecutor()
            .usePlaintext()
            .build();
      }

      ControlClient client() {
        return new ControlClient(channel);
      }

      @Override
      public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }
}
