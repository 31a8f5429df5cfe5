package dev.kbuildx.real;

import dev.kbuildx.build.BuildResult;
import dev.kbuildx.build.BuildRunner;
import dev.kbuildx.build.ImageLoad;
import dev.kbuildx.build.LoadTarget;
import dev.kbuildx.buildkit.BuildkitdConfig;
import dev.kbuildx.buildkit.DockerfileBuild;
import dev.kbuildx.driver.BuilderNodes;
import dev.kbuildx.driver.DialTimeout;
import dev.kbuildx.driver.choice.DaemonChoice;
import dev.kbuildx.driver.choice.DaemonConnector;
import dev.kbuildx.driver.kubernetes.BuilderSpec;
import dev.kbuildx.driver.kubernetes.ClusterAccess;
import dev.kbuildx.driver.kubernetes.KubernetesOptionsBuilder;
import dev.kbuildx.driver.kubernetes.NodeSpec;
import dev.kbuildx.engine.EngineApi;
import dev.kbuildx.progress.ProgressLog;
import dev.kbuildx.registry.CredentialsChain;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Builds on a builder declared in the real cluster, composed as the {@code build} goal composes them:
 * {@link DaemonConnector} (which bootstraps the builder when needed), then {@link BuildRunner}, with
 * the cluster reached through a kubeconfig as a user's build reaches it.
 */
final class ClusterBuilds {
  private final Path kubeconfig;
  private final BuilderSpec builder;
  private final Map<String, String> environment;
  private final Path workDirectory;
  private final ProgressLog log;

  /**
   * @param environment what the Docker Engine is found by, for loads
   * @param workDirectory where an image to load waits for the engine
   */
  ClusterBuilds(Path kubeconfig, BuilderSpec builder, Map<String, String> environment, Path workDirectory,
      ProgressLog log) {
    this.kubeconfig = kubeconfig;
    this.builder = builder;
    this.environment = environment;
    this.workDirectory = workDirectory;
    this.log = log;
  }

  /** A one-node builder with these driver options and no buildkitd config. */
  static BuilderSpec oneNode(String builder, String node, Map<String, String> driverOptions) {
    return new BuilderSpec(builder, List.of(new NodeSpec(node, List.of(),
        new KubernetesOptionsBuilder().setAll(driverOptions).build(), List.of(), BuildkitdConfig.NONE)));
  }

  /** Builds without loading, unless the node's {@code default-load} asks for it. */
  BuildResult build(DockerfileBuild build) {
    return build(build, false);
  }

  /** @param load the build's {@code load} setting */
  BuildResult build(DockerfileBuild build, boolean load) {
    return build(build, load ? LoadTarget.DOCKER : LoadTarget.NONE);
  }

  /** As the build goal runs it: the load is checked against the nodes before any is started. */
  BuildResult build(DockerfileBuild build, LoadTarget load) {
    DaemonConnector connector = new DaemonConnector(environment, () -> ClusterAccess.connect(kubeconfig, null), null,
        DialTimeout.DEFAULT, log);
    String contextKey = build.context().toString();
    ImageLoad imageLoad = new ImageLoad(load, workDirectory, () -> EngineApi.fromEnvironment(environment));
    try (BuilderNodes nodes = connector.nodes(new DaemonChoice.ClusterBuilder(builder.name(), builder), contextKey,
        imageLoad::checkBuilder)) {
      return new BuildRunner(new CredentialsChain(List.of()), imageLoad, log).run(nodes, build, contextKey);
    }
  }
}
