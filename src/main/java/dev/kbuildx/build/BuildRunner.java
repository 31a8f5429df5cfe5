package dev.kbuildx.build;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.KbuildxException;
import dev.kbuildx.buildkit.DockerfileBuild;
import dev.kbuildx.buildkit.DockerfileSolver;
import dev.kbuildx.buildkit.Output;
import dev.kbuildx.buildkit.SolveResults;
import dev.kbuildx.driver.BuilderNodes;
import dev.kbuildx.driver.ConnectedDaemon;
import dev.kbuildx.driver.Driver;
import dev.kbuildx.platform.NodeAssignment;
import dev.kbuildx.platform.NodePlatforms;
import dev.kbuildx.platform.PlatformAssignment;
import dev.kbuildx.progress.ProgressLog;
import dev.kbuildx.registry.CredentialsChain;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs one Dockerfile build on a builder: assigns the requested platforms to its nodes the way
 * buildx does (see "Platforms and nodes" in {@code src/site/markdown/build.md}), then builds on
 * the one node that got them all, or on several nodes side by side whose results are merged into
 * one index ({@link MultiNodeBuild}).
 */
public final class BuildRunner {
  private final CredentialsChain credentials;
  private final ImageLoad load;
  private final ProgressLog log;

  /** @param load where and whether the image is loaded into the local Docker Engine */
  public BuildRunner(CredentialsChain credentials, ImageLoad load, ProgressLog log) {
    this.credentials = credentials;
    this.load = load;
    this.log = log;
  }

  /**
   * @param sharedKey identifies this machine and context across builds, so that daemons only ask
   *     for changed files
   */
  public BuildResult run(BuilderNodes builder, DockerfileBuild build, String sharedKey) {
    if (build.cacheOnly() && (load.requested(false) || load.intoCluster())) {
      throw InvalidSettingException.setting(ImageLoad.LOAD, load.value(), "load and a type=cacheonly output cannot be"
          + " used together, as in buildx: cacheonly exports no image to load; drop one of them");
    }
    load.checkBuilder(builder.nodes());
    BuildResult result = runOnNodes(builder, build, sharedKey);
    return build.cacheOnly() && build.outputs().isEmpty() ? result.nothingExported() : result;
  }

  private BuildResult runOnNodes(BuilderNodes builder, DockerfileBuild build, String sharedKey) {
    try (NodeConnections connections = new NodeConnections(builder.nodes(), builder.connectTimeout())) {
      List<NodePlatforms> nodes = builder.nodes().stream()
          .map(node -> new NodePlatforms(node.name(), node.platforms())).toList();
      List<NodeAssignment> assignments = PlatformAssignment.assign(nodes, build.platforms(),
          node -> connections.workerPlatforms(node.name()));
      if (assignments.size() == 1) {
        return buildOnOneNode(connections, assignments.get(0).node(), build, sharedKey);
      }
      if (load.intoCluster()) {
        throw ClusterLoad.multiNode();
      }
      if (load.requested(false)) {
        throw InvalidSettingException.setting(ImageLoad.LOAD, "true", "a multi-node build makes one image per node"
            + " and the Docker Engine holds one platform per image; build one platform to load it, or push");
      }
      return new MultiNodeBuild(connections, credentials, log).run(assignments, build, sharedKey);
    }
  }

  private BuildResult buildOnOneNode(NodeConnections connections, String nodeName, DockerfileBuild build,
      String sharedKey) {
    Driver node = connections.node(nodeName);
    if (!load.intoCluster()) {
      return buildOnOneNode(connections, node, build, sharedKey);
    }
    ClusterLoad cluster = new ClusterLoad(log);
    ClusterLoad.checkNode(node);
    String hostname = cluster.checkDaemon(connections.connection(nodeName), node);
    DockerfileBuild named = ClusterLoad.named(build);
    BuildResult result = buildOnOneNode(connections, node, named, sharedKey);
    return result.withClusterImage(cluster.placed(node, hostname, tags(named)));
  }

  private BuildResult buildOnOneNode(NodeConnections connections, Driver node, DockerfileBuild build,
      String sharedKey) {
    String nodeName = node.name();
    boolean loading = load.requested(node.features().defaultLoad() && onlyKeptOnTheBuilder(build));
    if (loading && build.platforms().size() > 1) {
      throw InvalidSettingException.setting(ImageLoad.LOAD, "true", "the Docker Engine holds one platform per"
          + " image, but " + build.platforms().size() + " platforms are built; build one platform to load it,"
          + " or push the multi-platform image");
    }
    long dialStarted = System.nanoTime();
    ConnectedDaemon daemon = connections.connection(nodeName);
    log.debug("Connected to " + daemon.description() + " in "
        + Duration.ofNanos(System.nanoTime() - dialStarted).toMillis() + " ms");
    log.info("Building " + build.dockerfile() + " on " + daemon.description());
    Optional<Output.Image> pushed = pushedImage(build);
    SolveResults results;
    String pushedDigest = null;
    if (daemon.dockerEngine().isPresent()) {
      EngineBuild.Pushed engine = new EngineBuild(daemon, credentials, log).buildAndPush(build, loading, sharedKey);
      results = engine.results();
      pushedDigest = engine.images().isEmpty() ? null : engine.images().get(0).digest();
    } else {
      results = buildOnBuildkit(daemon, build, loading, sharedKey);
      pushedDigest = results.descriptor() != null ? results.descriptor().digest() : results.digest();
    }
    if (pushed.isEmpty()) {
      return new BuildResult(daemon.description(), tags(build), results.digest(), mediaType(results), List.of());
    }
    String name = pushed.get().names().get(0);
    PushedImages.Described described;
    try {
      described = new PushedImages(credentials, List.of(node), pushed.get().insecure(), pushed.get().names())
          .describe(name, pushedDigest, nodeName);
    } catch (KbuildxException e) {
      // The daemon pushed already; a registry that only the daemon's own configuration reaches (plain HTTP, say)
      // costs the per-platform list of the result, not the build.
      log.warn("The image was pushed as " + name + "@" + pushedDigest + ", but kbuildx could not read it back to"
          + " list its platforms in build-result.json: " + e.getMessage() + ". For a plain-HTTP registry, add"
          + " registry.insecure=true to the output, or http = true to its [registry] section of the builder's"
          + " buildkitd config.");
      return new BuildResult(daemon.description(), tags(build), pushedDigest, mediaType(results), List.of());
    }
    return new BuildResult(daemon.description(), tags(build), pushedDigest, described.mediaType(),
        described.manifests());
  }

  /** A buildkitd exports what was asked; loading adds a docker tarball in place of the unpushed image. */
  private SolveResults buildOnBuildkit(ConnectedDaemon daemon, DockerfileBuild build, boolean loading,
      String sharedKey) {
    Output.DockerArchive tarball = null;
    DockerfileBuild solved = build;
    if (loading) {
      List<Output> outputs = new ArrayList<>(build.outputs().stream()
          .filter(output -> !(output instanceof Output.Image image && !image.push() && !image.pushByDigest()))
          .toList());
      tarball = load.tarball(tags(build));
      outputs.add(tarball);
      solved = build.forNode(build.platforms(), outputs, false);
    }
    SolveResults results = new DockerfileSolver(daemon.channel(), daemon.features(), credentials, log)
        .solve(solved, sharedKey).results();
    if (tarball != null) {
      load.load(tarball, log);
    }
    return results;
  }

  /**
   * Nothing leaves the builder: no output, or only the unpushed image that tags name, which is
   * where buildx's {@code default-load} applies; {@code type=cacheonly} opts out of it.
   */
  private static boolean onlyKeptOnTheBuilder(DockerfileBuild build) {
    return !build.cacheOnly() && build.outputs().stream()
        .allMatch(output -> output instanceof Output.Image image && !image.push() && !image.pushByDigest());
  }

  private static String mediaType(SolveResults results) {
    return results.descriptor() == null ? null : results.descriptor().mediaType();
  }

  static Optional<Output.Image> pushedImage(DockerfileBuild build) {
    return build.outputs().stream().filter(Output.Image.class::isInstance).map(Output.Image.class::cast)
        .filter(image -> image.push() || image.pushByDigest()).findFirst();
  }

  /** The names of the image outputs: the tags the user asked for. */
  static List<String> tags(DockerfileBuild build) {
    return build.outputs().stream().filter(Output.Image.class::isInstance).map(Output.Image.class::cast)
        .flatMap(image -> image.names().stream()).distinct().toList();
  }

  /** A failure of one node's build, named after the node; a bad setting keeps its own message, which names it. */
  static KbuildxException nodeFailed(String node, Throwable cause) {
    return cause instanceof InvalidSettingException invalid ? invalid
        : new KbuildxException("node " + node + ": " + cause.getMessage(), cause);
  }
}
