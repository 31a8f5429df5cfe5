package dev.kbuildx.build;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.KbuildxException;
import dev.kbuildx.SettingKey;
import dev.kbuildx.buildkit.DockerfileBuild;
import dev.kbuildx.buildkit.DockerfileSolver;
import dev.kbuildx.buildkit.Output;
import dev.kbuildx.buildkit.SolveResults;
import dev.kbuildx.driver.ConnectedDaemon;
import dev.kbuildx.engine.EngineApi;
import dev.kbuildx.engine.PushedImage;
import dev.kbuildx.platform.NodeAssignment;
import dev.kbuildx.progress.ProgressLog;
import dev.kbuildx.registry.CredentialsChain;
import dev.kbuildx.registry.ImageReference;
import dev.kbuildx.registry.MediaTypes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A build whose platforms are spread over several nodes: every node builds its own
 * platforms side by side and pushes its image by digest; the images are then merged into one
 * index, pushed to every tag. A Docker Engine node cannot push by digest, so it pushes
 * through the Engine API under a temporary tag, which stays in the registry. What users see of it:
 * "Several nodes" in {@code src/site/markdown/build.md}.
 */
final class MultiNodeBuild {
  /** How long a cancelled engine node watches for its temporary image to appear late. */
  private static final Duration LATE_IMAGE_WATCH = Duration.ofSeconds(5);
  private static final Duration LATE_IMAGE_POLL = Duration.ofMillis(200);
  /** How long a failed build waits for its cancelled nodes to clean up. */
  private static final Duration NODE_CLEAN_UP = Duration.ofSeconds(30);

  private final NodeConnections connections;
  private final CredentialsChain credentials;
  private final ProgressLog log;

  MultiNodeBuild(NodeConnections connections, CredentialsChain credentials, ProgressLog log) {
    this.connections = connections;
    this.credentials = credentials;
    this.log = log;
  }

  BuildResult run(List<NodeAssignment> assignments, DockerfileBuild build, String sharedKey) {
    Optional<Output.Image> pushed = checkOutputs(build);
    List<String> repositories = pushed.map(image -> image.names().stream()
        .map(name -> ImageReference.parse(name, SettingKey.OUTPUTS.key()).name())
        .collect(Collectors.toCollection(LinkedHashSet::new)))
        .map(List::copyOf).orElse(List.of());
    log.info("Building " + build.dockerfile() + " on " + assignments.size() + " nodes: " + assignments.stream()
        .map(a -> a.node() + " (" + (a.platforms().isEmpty() ? "default platform" : a.platforms().stream()
            .map(Object::toString).reduce((x, y) -> x + ", " + y).orElseThrow()) + ")").toList());
    for (NodeAssignment assignment : assignments) {
      checkEngineNode(assignment);
    }
    for (NodeAssignment assignment : assignments) {
      try {
        connections.connection(assignment.node());
      } catch (RuntimeException e) {
        throw BuildRunner.nodeFailed(assignment.node(), e);
      }
    }
    List<NodeImage> images = inParallel(assignments, assignment -> buildOn(assignment, build, pushed, repositories,
        sharedKey));
    if (pushed.isEmpty()) {
      return new BuildResult(describe(assignments), List.of(), null, null, List.of());
    }
    PushedImages registry = new PushedImages(credentials,
        assignments.stream().map(assignment -> connections.node(assignment.node())).toList(),
        pushed.get().insecure(), pushed.get().names());
    log.info("merging manifest list " + String.join(", ", pushed.get().names()));
    PushedImages.Merged merged = registry.mergeAndPush(images, pushed.get().names(), pushed.get().options());
    return new BuildResult(describe(assignments), pushed.get().names(), merged.digest(), merged.mediaType(),
        merged.manifests());
  }

  /** Multi-node builds can push or fill the cache; anything that would end in one place per node is refused. */
  private static Optional<Output.Image> checkOutputs(DockerfileBuild build) {
    Output.Image pushed = null;
    for (Output output : build.outputs()) {
      if (output instanceof Output.Image image) {
        if (!image.push() && !image.pushByDigest()) {
          throw InvalidSettingException.setting(EngineBuild.PUSH, "false", "a multi-node build makes one image per"
              + " node and merges them in the registry; push it (push=true) or build the platforms of one node");
        }
        if (pushed == null) {
          pushed = image;
        }
      } else {
        throw InvalidSettingException.setting(SettingKey.OUTPUTS.key(), output.exporterType(),
            output.exporterType() + " for multi-node builds is not supported; push the image instead");
      }
    }
    return Optional.ofNullable(pushed);
  }

  private NodeImage buildOn(NodeAssignment assignment, DockerfileBuild build, Optional<Output.Image> pushed,
      List<String> repositories, String sharedKey) {
    ConnectedDaemon daemon = connections.connection(assignment.node());
    ProgressLog nodeLog = new NodeLog(assignment.node(), log);
    Optional<EngineApi> engine = daemon.dockerEngine();
    if (engine.isPresent()) {
      return buildOnEngine(assignment, build, pushed, repositories, sharedKey, daemon, nodeLog);
    }
    List<Output> outputs = pushed.map(image -> List.<Output>of(
        new Output.Image(repositories, true, true, image.insecure(), image.options()))).orElse(List.of());
    SolveResults results = new DockerfileSolver(daemon.channel(), daemon.features(), credentials, nodeLog)
        .solve(build.forNode(assignment.platforms(), outputs, true), sharedKey).results();
    if (pushed.isEmpty()) {
      return null;
    }
    if (results.descriptor() != null) {
      return new NodeImage(assignment.node(), results.descriptor().digest(), results.descriptor().mediaType(),
          results.descriptor().size());
    }
    if (results.digest() == null) {
      throw new KbuildxException("node " + assignment.node() + " pushed no image digest; cannot merge its image");
    }
    // BuildKit before 0.11 reports only the digest, of an index.
    return new NodeImage(assignment.node(), results.digest(), MediaTypes.DOCKER_MANIFEST_LIST, -1);
  }

  /** A Docker Engine node's builder makes one platform per image; refused before anything is dialled. */
  private void checkEngineNode(NodeAssignment assignment) {
    if (!connections.node(assignment.node()).features().multiPlatform() && assignment.platforms().size() > 1) {
      throw InvalidSettingException.setting(SettingKey.PLATFORMS.key(), String.join(",", assignment.platforms()
          .stream().map(Object::toString).toList()), "node " + assignment.node() + " is a Docker Engine, whose"
          + " builder makes one platform per image; give each of these platforms its own node");
    }
  }

  private NodeImage buildOnEngine(NodeAssignment assignment, DockerfileBuild build, Optional<Output.Image> pushed,
      List<String> repositories, String sharedKey, ConnectedDaemon daemon, ProgressLog nodeLog) {
    List<Output> outputs = new ArrayList<>();
    String temporary = null;
    if (pushed.isPresent()) {
      temporary = repositories.get(0) + ":kbuildx-" + assignment.node() + "-"
          + UUID.randomUUID().toString().substring(0, 8);
      outputs.add(Output.Image.of(List.of(temporary), true));
    }
    EngineBuild engineBuild = new EngineBuild(daemon, credentials, nodeLog);
    try {
      EngineBuild.Pushed result = engineBuild.buildAndPush(build.forNode(assignment.platforms(), outputs, false),
          false, sharedKey);
      if (temporary == null) {
        return null;
      }
      PushedImage image = result.images().get(0);
      return new NodeImage(assignment.node(), image.digest(), null, image.size());
    } finally {
      if (temporary != null) {
        removeQuietly(daemon, temporary, nodeLog);
      }
    }
  }

  /**
   * The registry keeps the temporary tag (registries delete by digest only); the engine need not.
   * A failure here must not hide the build's own outcome. A node cancelled by another node's
   * failure is interrupted, and would fail the engine call at once: the interrupt waits until the
   * image is removed. The engine's builder may still finish storing the image of a cancelled solve
   * a moment after the call ended, so a cancelled node watches for the tag a little longer.
   */
  private static void removeQuietly(ConnectedDaemon daemon, String temporary, ProgressLog nodeLog) {
    boolean interrupted = Thread.interrupted();
    try {
      EngineApi engine = daemon.dockerEngine().orElseThrow();
      boolean removed = engine.remove(temporary);
      Instant watchEnd = Instant.now().plus(LATE_IMAGE_WATCH);
      while (interrupted && !removed && Instant.now().isBefore(watchEnd)) {
        sleepQuietly(LATE_IMAGE_POLL);
        removed = engine.remove(temporary);
      }
    } catch (KbuildxException e) {
      nodeLog.warn("could not remove the temporary image " + temporary + " from the engine: " + e.getMessage());
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void sleepQuietly(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      // Already cancelled: the watch simply goes on until its end.
    }
  }

  /** Runs one task per node; the first failure cancels the others (their solves are cancelled on interrupt). */
  private List<NodeImage> inParallel(List<NodeAssignment> assignments,
      Function<NodeAssignment, NodeImage> task) {
    ExecutorService pool = Executors.newFixedThreadPool(assignments.size(), runnable -> {
      Thread thread = new Thread(runnable, "kbuildx-node");
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<NodeImage>> futures = new ArrayList<>();
      for (NodeAssignment assignment : assignments) {
        futures.add(pool.submit(() -> task.apply(assignment)));
      }
      List<NodeImage> images = new ArrayList<>();
      for (int i = 0; i < futures.size(); i++) {
        try {
          NodeImage image = futures.get(i).get();
          if (image != null) {
            images.add(image);
          }
        } catch (ExecutionException e) {
          futures.forEach(future -> future.cancel(true));
          throw BuildRunner.nodeFailed(assignments.get(i).node(), e.getCause());
        }
      }
      return images;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KbuildxException("the build was interrupted", e);
    } finally {
      pool.shutdownNow();
      awaitCleanUp(pool);
    }
  }

  /** Cancelled nodes remove what they left in an engine before the build ends, and with it maybe the JVM. */
  private static void awaitCleanUp(ExecutorService pool) {
    try {
      pool.awaitTermination(NODE_CLEAN_UP.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String describe(List<NodeAssignment> assignments) {
    return String.join(", ", assignments.stream()
        .map(a -> a.node() + ": " + connections.connection(a.node()).description()).toList());
  }
}
