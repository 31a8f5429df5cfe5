package dev.kbuildx.buildkit;

import dev.kbuildx.KbuildxException;
import dev.kbuildx.buildkit.proto.control.ControlGrpc;
import dev.kbuildx.buildkit.proto.control.SolveRequest;
import dev.kbuildx.buildkit.proto.control.SolveResponse;
import dev.kbuildx.buildkit.proto.control.StatusRequest;
import dev.kbuildx.buildkit.proto.control.StatusResponse;
import dev.kbuildx.buildkit.session.AuthService;
import dev.kbuildx.buildkit.session.ContentStoreService;
import dev.kbuildx.buildkit.session.ExportTarget;
import dev.kbuildx.buildkit.session.FileSendService;
import dev.kbuildx.buildkit.session.FileSyncService;
import dev.kbuildx.buildkit.session.LocalCacheIndex;
import dev.kbuildx.buildkit.session.SecretsService;
import dev.kbuildx.buildkit.session.SessionConnection;
import dev.kbuildx.buildkit.session.SessionIds;
import dev.kbuildx.buildkit.session.SshForwardService;
import dev.kbuildx.buildkit.session.UploadCounters;
import dev.kbuildx.progress.PlainProgressPrinter;
import dev.kbuildx.progress.ProgressLog;
import dev.kbuildx.registry.CredentialsChain;
import dev.kbuildx.transport.DaemonConnectionException;
import io.grpc.Channel;
import io.grpc.Context;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs one Dockerfile build on a daemon: opens the session that serves the build context,
 * credentials, secrets, SSH agents and client-side outputs, then calls {@code Solve} while printing
 * {@code Status} as plain progress. Stopping Maven (Ctrl-C) cancels the solve on the daemon.
 */
public final class DockerfileSolver {
  /** How long progress may still trickle in after Solve returned (as the Go client waits). */
  private static final long STATUS_DRAIN_SECONDS = 5;
  /** The exporter response key of the exported cache's manifest descriptor (JSON). */
  private static final String CACHE_MANIFEST = "cache.manifest";
  private static final String DEFAULT_CACHE_TAG = "latest";
  /** How registries (and BuildKit's resolver) word a refusal of the credentials, or their absence. */
  private static final Pattern CREDENTIALS_REFUSED =
      Pattern.compile("401 Unauthorized|403 Forbidden|failed to authorize|unauthorized: ", Pattern.CASE_INSENSITIVE);

  private final Channel channel;
  private final DaemonFeatures daemon;
  private final CredentialsChain credentials;
  private final ProgressLog log;

  public DockerfileSolver(Channel channel, DaemonFeatures daemon, CredentialsChain credentials, ProgressLog log) {
    this.channel = channel;
    this.daemon = daemon;
    this.credentials = credentials;
    this.log = log;
  }

  /**
   * Builds and exports; fails with a {@link BuildFailedException} naming the failing step.
   *
   * @param sharedKey identifies this machine and context across builds so that the daemon only
   *     asks for files that changed; may be empty
   */
  public BuildOutcome solve(DockerfileBuild build, String sharedKey) {
    String ref = SessionIds.newId();
    SolvePlan plan = SolveRequests.dockerfile(build, daemon, ref, "");
    plan.warnings().forEach(log::warn);
    FileSyncService fileSync = new FileSyncService(plan.localDirectories());
    AuthService auth = new AuthService(credentials, log);
    PlainProgressPrinter progress = new PlainProgressPrinter(log);
    try (SessionConnection session = SessionConnection.open(ControlGrpc.newStub(channel), sharedKey,
        services(build, plan, fileSync, auth))) {
      SolveRequest request = plan.request().toBuilder().setSession(session.id()).build();
      CountDownLatch statusDone = followStatus(ref, progress);
      SolveResponse response;
      try {
        response = solveCancellably(request);
      } catch (RuntimeException e) {
        // The failing step's last log lines may still be on their way.
        awaitQuietly(statusDone);
        progress.finish();
        throw failure(e, progress, fileSync.counters(), auth);
      }
      awaitQuietly(statusDone);
      progress.finish();
      tagLocalCaches(build, response.getExporterResponseMap().get(CACHE_MANIFEST));
      return new BuildOutcome(SolveResults.parse(response.getExporterResponseMap()), fileSync.counters());
    }
  }

  /**
   * A lost connection is told as such, with what the build was doing; anything else is the build's
   * own failure, which says where the credentials came from when a registry refused them.
   */
  private static RuntimeException failure(RuntimeException error, PlainProgressPrinter progress,
      UploadCounters upload, AuthService auth) {
    return DaemonConnectionException.in(error).<RuntimeException>map(lost -> lost.during(upload.uploading()
            ? "Uploading the build context to the BuildKit daemon" : "The build on the BuildKit daemon"))
        .orElseGet(() -> withCredentialOrigins(BuildFailedException.of(error, progress), auth.credentialOrigins()));
  }

  /** The origins go at the end of the first line, which holds the registry's answer. */
  private static BuildFailedException withCredentialOrigins(BuildFailedException failed, String origins) {
    String message = failed.getMessage();
    if (origins.isEmpty() || !CREDENTIALS_REFUSED.matcher(message).find()) {
      return failed;
    }
    int firstLineEnd = message.indexOf('\n') < 0 ? message.length() : message.indexOf('\n');
    return new BuildFailedException(message.substring(0, firstLineEnd) + " (" + origins + ")"
        + message.substring(firstLineEnd), failed.failure().orElse(null), failed.getCause());
  }

  private List<ServerServiceDefinition> services(DockerfileBuild build, SolvePlan plan, FileSyncService fileSync,
      AuthService auth) {
    List<ServerServiceDefinition> services = new ArrayList<>();
    services.add(fileSync.bindService());
    Map<Integer, ExportTarget> targets = new LinkedHashMap<>();
    plan.clientOutputs().forEach((index, output) -> targets.put(index, exportTarget(output)));
    if (!targets.isEmpty()) {
      services.add(new FileSendService(targets).bindService());
    }
    services.add(auth.bindService());
    services.add(SecretsService.forBuild(build.secrets(), log).bindService());
    if (!build.ssh().isEmpty()) {
      // Without the service the daemon reports "no SSH key forwarded", as buildx without --ssh.
      services.add(SshForwardService.forBuild(build.ssh(), log).bindService());
    }
    Map<String, Path> cacheStores = localCacheStores(build);
    if (!cacheStores.isEmpty()) {
      services.add(new ContentStoreService(cacheStores).bindService());
    }
    return services;
  }

  /** The daemon reads and writes local caches through the session, in stores named after their directories. */
  private static Map<String, Path> localCacheStores(DockerfileBuild build) {
    Map<String, Path> stores = new LinkedHashMap<>();
    for (List<CacheSpec> caches : List.of(build.cacheFrom(), build.cacheTo())) {
      for (CacheSpec cache : caches) {
        if (cache instanceof CacheSpec.Local local) {
          stores.put(ContentStoreService.localCacheStoreId(local.directory()), local.directory());
        }
      }
    }
    return stores;
  }

  /** The daemon only writes blobs; tagging the new cache manifest in index.json is the client's part. */
  private static void tagLocalCaches(DockerfileBuild build, String manifestDescriptor) {
    if (manifestDescriptor == null || manifestDescriptor.isBlank()) {
      return;
    }
    for (CacheSpec cache : build.cacheTo()) {
      if (cache instanceof CacheSpec.Local local) {
        LocalCacheIndex.tag(local.directory(), manifestDescriptor,
            local.options().getOrDefault("tag", DEFAULT_CACHE_TAG));
      }
    }
  }

  private static ExportTarget exportTarget(Output.ToClient output) {
    return output instanceof Output.LocalDirectory
        ? ExportTarget.directory(output.destination())
        : ExportTarget.file(output.destination());
  }

  private CountDownLatch followStatus(String ref, PlainProgressPrinter progress) {
    CountDownLatch done = new CountDownLatch(1);
    ControlGrpc.newStub(channel).status(StatusRequest.newBuilder().setRef(ref).build(),
        new StreamObserver<>() {
          @Override
          public void onNext(StatusResponse response) {
            progress.accept(response);
          }

          @Override
          public void onError(Throwable error) {
            // Progress is best effort: the outcome of the build comes from Solve.
            log.debug("progress stream ended: " + error.getMessage());
            done.countDown();
          }

          @Override
          public void onCompleted() {
            done.countDown();
          }
        });
    return done;
  }

  /** Calls Solve in a cancellable context that a JVM shutdown (Ctrl-C, Maven stopped) cancels. */
  private SolveResponse solveCancellably(SolveRequest request) {
    Context.CancellableContext context = Context.current().withCancellation();
    Thread cancelOnExit = new Thread(() -> context.cancel(new KbuildxException("the build was interrupted")),
        "kbuildx-cancel-solve");
    Runtime.getRuntime().addShutdownHook(cancelOnExit);
    try {
      return context.wrap(() -> ControlGrpc.newBlockingStub(channel).solve(request)).call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new KbuildxException("the build could not be started: " + e.getMessage(), e);
    } finally {
      removeHook(cancelOnExit);
      context.close();
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running or has run: the solve is being cancelled already.
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(STATUS_DRAIN_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * What a build produced.
   *
   * @param upload what the context upload sent, for tests and benchmarks
   */
  public record BuildOutcome(SolveResults results, UploadCounters upload) {}
}
