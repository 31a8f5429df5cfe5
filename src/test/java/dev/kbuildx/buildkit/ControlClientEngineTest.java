package dev.kbuildx.buildkit;

import static org.assertj.core.api.Assertions.assertThat;
import dev.kbuildx.Await;
import dev.kbuildx.engine.TestEngine;
import dev.kbuildx.platform.Platform;
import dev.kbuildx.progress.CollectingLog;
import dev.kbuildx.registry.CredentialsChain;
import io.grpc.ManagedChannel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


/** The Control client's inspection and prune calls against the engine's BuildKit. */
class ControlClientEngineTest {
  /**
   * Prune keeps what was used this recently, so that builds of other tests running on the same
   * engine keep the cache they are about to reuse; this test's own record is older when it prunes.
   */
  /** Long enough that the fresh record is kept however slow the machine is. */
  private static final Duration KEEP = Duration.ofMinutes(10);
  /** Docker Engine 24 (API 1.43) is the first whose BuildKit (v0.11) answers the Info call. */
  private static final double FIRST_API_WITH_INFO = 1.43;

  @TempDir Path dir;
  private final String runId = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private TestEngine engine;
  private ManagedChannel channel;
  private ControlClient control;

  @BeforeEach
  void connect() {
    engine = TestEngine.require();
    channel = EngineChannels.open(engine);
    control = new ControlClient(channel);
  }

  @AfterEach
  void disconnect() throws InterruptedException {
    EngineChannels.close(channel);
  }

  @Test
  void infoOfAnEngineWithoutTheInfoCallIsTheUnknownVersion() {
    DaemonInfo info = control.info();

    if (Double.parseDouble(engine.apiVersion()) < FIRST_API_WITH_INFO) {
      assertThat(info.version()).isEqualTo(DaemonInfo.UNKNOWN);
      assertThat(info.revision()).isEmpty();
    } else {
      assertThat(info.version()).matches("v\\d+\\.\\d+\\..*");
    }
  }

  @Test
  void theWorkerBuildsForThisMachinesPlatformFirst() {
    List<WorkerInfo> workers = control.listWorkers();

    assertThat(workers).isNotEmpty();
    assertThat(workers.get(0).id()).isNotBlank();
    assertThat(workers.get(0).platforms()).first().isEqualTo(Platform.local());
  }

  @Test
  void diskUsageListsTheRecordOfABuildAndPruneDeletesItOnceItIsOlderThanTheKeepDuration()
      throws IOException, InterruptedException {
    Path context = dir.resolve("context");
    Files.createDirectories(context);
    String command = "echo " + runId + " > /usage.txt";
    Files.writeString(context.resolve("Dockerfile"), "FROM " + TestEngine.BASE_IMAGE + "\nRUN " + command + "\n");
    DockerfileBuild build = DockerfileBuild.builder(context).network(TestEngine.BUILD_NETWORK).build();
    DaemonFeatures daemon = DaemonFeatures.of(control.info(), true);
    new DockerfileSolver(channel, daemon, new CredentialsChain(List.of()), new CollectingLog()).solve(build, "");

    // The daemon lets go of a build's snapshots just after the solve returns, so its record may be in use briefly.
    Await.until("the RUN step's record, no longer in use", Duration.ofSeconds(10),
        () -> records(command).stream().noneMatch(UsageInfo::inUse));
    List<UsageInfo> ours = records(command);
    assertThat(ours).hasSize(1);
    UsageInfo record = ours.get(0);
    assertThat(record.size()).isPositive();
    assertThat(record.inUse()).isFalse();
    assertThat(record.lastUsed()).isNotNull();

    assertThat(control.prune(PruneSpec.of(false, KEEP))).extracting(UsageInfo::id).doesNotContain(record.id());
    List<UsageInfo> pruned = control.prune(PruneSpec.of(false, Duration.ZERO));

    assertThat(pruned).extracting(UsageInfo::id).contains(record.id());
    assertThat(pruned).allSatisfy(deleted -> assertThat(deleted.inUse()).isFalse());
    Set<String> prunedIds = pruned.stream().map(UsageInfo::id).collect(Collectors.toSet());
    assertThat(control.diskUsage()).extracting(UsageInfo::id).doesNotContainAnyElementsOf(prunedIds);
  }

  /** The daemon's records of a RUN step, which BuildKit describes by its command. */
  private List<UsageInfo> records(String command) {
    return control.diskUsage().stream().filter(record -> record.description().contains(command)).toList();
  }
}
