package dev.kbuildx.buildkit;

import com.google.protobuf.Timestamp;
import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.KbuildxException;
import dev.kbuildx.buildkit.proto.control.ControlGrpc;
import dev.kbuildx.buildkit.proto.control.DiskUsageRequest;
import dev.kbuildx.buildkit.proto.control.InfoRequest;
import dev.kbuildx.buildkit.proto.control.InfoResponse;
import dev.kbuildx.buildkit.proto.control.ListWorkersRequest;
import dev.kbuildx.buildkit.proto.control.PruneRequest;
import dev.kbuildx.buildkit.proto.control.UsageRecord;
import dev.kbuildx.buildkit.proto.worker.BuildkitVersion;
import dev.kbuildx.buildkit.proto.worker.WorkerRecord;
import dev.kbuildx.platform.Platform;
import dev.kbuildx.transport.DaemonConnectionException;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The daemon's inspection and clean-up calls of the Control service: version, workers, build-cache
 * usage and prune. Errors are {@link KbuildxException}s that say what was being done and what the
 * daemon or the connection answered.
 */
public final class ControlClient {
  /** Inspection calls answer at once; a daemon silent for this long is reported rather than waited for. */
  private static final Duration INSPECTION_TIMEOUT = Duration.ofMinutes(1);

  private final ControlGrpc.ControlBlockingStub stub;

  public ControlClient(Channel channel) {
    this.stub = ControlGrpc.newBlockingStub(channel);
  }

  /** The daemon's BuildKit version; {@link DaemonInfo#UNKNOWN} for daemons older than v0.11. */
  public DaemonInfo info() {
    return info(INSPECTION_TIMEOUT);
  }

  /**
   * The daemon's version, asked with a limit of its own: the first call on a new connection also
   * waits for the connection, which must not take longer than the connect timeout.
   */
  public DaemonInfo info(Duration limit) {
    try {
      return toDaemonInfo(stub.withDeadlineAfter(limit.toMillis(), TimeUnit.MILLISECONDS)
          .info(InfoRequest.getDefaultInstance()));
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
        return DaemonInfo.unknown();
      }
      throw failure("read the version of the BuildKit daemon", e);
    }
  }

  public List<WorkerInfo> listWorkers() {
    try {
      return inspection().listWorkers(ListWorkersRequest.getDefaultInstance()).getRecordList().stream()
          .map(ControlClient::toWorkerInfo)
          .toList();
    } catch (StatusRuntimeException e) {
      throw failure("list the workers of the BuildKit daemon", e);
    }
  }

  /** Every build-cache record. */
  public List<UsageInfo> diskUsage() {
    return diskUsage(List.of());
  }

  /**
   * The build-cache records that match every one of {@code filters}, BuildKit filter expressions such as
   * {@code type==regular}.
   */
  public List<UsageInfo> diskUsage(List<String> filters) {
    DiskUsageRequest request = DiskUsageRequest.newBuilder().addAllFilter(joined(filters)).build();
    try {
      return inspection().diskUsage(request).getRecordList().stream()
          .map(ControlClient::toUsageInfo)
          .toList();
    } catch (StatusRuntimeException e) {
      throw failure("read the build-cache usage of the BuildKit daemon", e);
    }
  }

  /**
   * Deletes build cache and returns what was deleted. Without a deadline: deleting a large cache
   * takes as long as it takes.
   *
   */
  public List<UsageInfo> prune(PruneSpec spec) {
    PruneRequest request = pruneRequest(spec);
    List<UsageInfo> deleted = new ArrayList<>();
    try {
      Iterator<UsageRecord> records = stub.prune(request);
      while (records.hasNext()) {
        deleted.add(toUsageInfo(records.next()));
      }
    } catch (StatusRuntimeException e) {
      throw failure("prune the build cache of the BuildKit daemon", e);
    }
    return List.copyOf(deleted);
  }

  private ControlGrpc.ControlBlockingStub inspection() {
    return stub.withDeadlineAfter(INSPECTION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** A lost or unusable connection is told as such ({@link DaemonConnectionException}), not as gRPC's status. */
  private static KbuildxException failure(String action, StatusRuntimeException e) {
    Optional<DaemonConnectionException> connection = DaemonConnectionException.in(e);
    if (connection.isPresent()) {
      return new KbuildxException("Could not " + action + ": " + connection.get().getMessage(), connection.get());
    }
    Status status = e.getStatus();
    String answer = status.getDescription() == null || status.getDescription().isBlank()
        ? status.getCode().toString()
        : status.getCode() + ": " + status.getDescription();
    return new KbuildxException("Could not " + action + ": " + answer, e);
  }

  static PruneRequest pruneRequest(PruneSpec spec) {
    return PruneRequest.newBuilder()
        .addAllFilter(joined(spec.filters()))
        .setAll(spec.all())
        .setKeepDuration(saturatedNanos(spec.keepDuration()))
        .setReservedSpace(spec.reservedSpace())
        .setMaxUsedSpace(spec.maxUsedSpace())
        .setMinFreeSpace(spec.minFreeSpace())
        .build();
  }

  /**
   * BuildKit ORs the entries of its filter list and ANDs the comma-separated expressions of one entry;
   * every given filter must match, as buildx sends them.
   */
  private static List<String> joined(List<String> filters) {
    return filters.isEmpty() ? List.of() : List.of(String.join(",", filters));
  }

  /** Durations beyond the ~292 years nanoseconds can hold mean "keep everything" anyway. */
  private static long saturatedNanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE;
    }
  }

  static DaemonInfo toDaemonInfo(InfoResponse response) {
    BuildkitVersion version = response.getBuildkitVersion();
    return new DaemonInfo(version.getVersion(), version.getRevision());
  }

  static WorkerInfo toWorkerInfo(WorkerRecord record) {
    List<Platform> platforms = record.getPlatformsList().stream()
        .map(ControlClient::toPlatform)
        .distinct()
        .toList();
    return new WorkerInfo(record.getID(), platforms, record.getLabelsMap());
  }

  /**
   * Normalised like user-given platforms so both compare equal; a platform kbuildx would not accept
   * from a user is still shown, as reported.
   */
  static Platform toPlatform(dev.kbuildx.buildkit.proto.ops.Platform platform) {
    String variant = platform.getVariant().isEmpty() ? null : platform.getVariant();
    Platform reported = new Platform(platform.getOS(), platform.getArchitecture(), variant);
    try {
      return Platform.parse(reported.toString(), "worker platform");
    } catch (InvalidSettingException unusual) {
      return reported;
    }
  }

  static UsageInfo toUsageInfo(UsageRecord record) {
    Instant createdAt = record.hasCreatedAt() ? toInstant(record.getCreatedAt()) : null;
    Instant lastUsed = record.hasLastUsedAt() ? toInstant(record.getLastUsedAt()) : null;
    return new UsageInfo(record.getID(), record.getParentsList(), createdAt, lastUsed, record.getUsageCount(),
        record.getSize(), record.getDescription(), record.getRecordType(), record.getMutable(), record.getInUse(),
        record.getShared());
  }

  private static Instant toInstant(Timestamp timestamp) {
    return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
  }
}
