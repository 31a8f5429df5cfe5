package dev.kbuildx.real;

import dev.kbuildx.build.BuildResult;
import dev.kbuildx.build.BuildRunner;
import dev.kbuildx.build.ImageLoad;
import dev.kbuildx.buildkit.DockerfileBuild;
import dev.kbuildx.buildkit.DockerfileSolver;
import dev.kbuildx.buildkit.SolveResults;
import dev.kbuildx.driver.BuilderNodes;
import dev.kbuildx.driver.ConnectedDaemon;
import dev.kbuildx.driver.DialTimeout;
import dev.kbuildx.driver.choice.DaemonChoice;
import dev.kbuildx.driver.choice.DaemonConnector;
import dev.kbuildx.driver.remote.RemoteEndpoint;
import dev.kbuildx.engine.RegistryHttp;
import dev.kbuildx.progress.CollectingLog;
import dev.kbuildx.progress.ProgressLog;
import dev.kbuildx.registry.CredentialsChain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The two current BuildKit daemons of the real-cluster suite, reached as the {@code build} goal
 * reaches them ({@link DaemonConnector}, {@link BuildRunner}): the standalone daemon ({@link
 * RealBuildkit}) as a standing endpoint, and the pod of a one-node Kubernetes builder ({@link
 * SuiteBuilder}). Creating that builder takes most of a minute on a busy machine, so every test
 * class shares one, kept in JUnit's root store: it is created on first use and its namespace is
 * deleted when the test run ends.
 *
 * <p>Register it as a static {@code @RegisterExtension} field and parameterize tests over {@link Daemon}.
 */
public final class RealDaemons implements BeforeAllCallback {
  /** The daemon a test builds on. */
  public enum Daemon { STANDALONE, KUBERNETES }

  private SuiteBuilder kubernetes;

  @Override
  public void beforeAll(ExtensionContext context) {
    kubernetes = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(SuiteBuilder.class);
  }

  /** The registry both daemons push to and this machine reads over plain HTTP. */
  public String registry() {
    return RealBuildkit.require().registry();
  }

  /** Reads what {@link #registry()} holds. */
  public RegistryHttp registryContent() {
    return new RegistryHttp(registry());
  }

  /**
   * An image output pushing to {@code <registry>/<name>}. It is marked {@code registry.insecure}
   * because the registry serves plain HTTP: the daemons know that from their own config, but
   * kbuildx reads the pushed image back to describe it.
   */
  public String pushedImage(String name) {
    return "type=image,name=" + registry() + "/" + name + ",push=true,registry.insecure=true";
  }

  /** A repository name in {@link #registry()} that no other test or run uses. */
  public static String uniqueRepository(String prefix) {
    return "kbuildx-real/" + prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** A context whose Dockerfile copies one file holding {@code content} into an empty image; no base to pull. */
  public static Path tinyContext(Path directory, String content) {
    try {
      Files.createDirectories(directory);
      Files.writeString(directory.resolve("Dockerfile"), "FROM scratch\nCOPY hello.txt /\n");
      Files.writeString(directory.resolve("hello.txt"), content);
      return directory;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the test context in " + directory, e);
    }
  }

  /**
   * A one-platform (linux/amd64) build of a tiny context in {@code directory} whose file is new, so
   * that no cache of another test or run matches it.
   */
  public static DockerfileBuild.Builder tinyBuild(Path directory) {
    return DockerfileBuild.builder(tinyContext(directory, UUID.randomUUID().toString())).platforms("linux/amd64");
  }

  /** Builds on {@code daemon} as the build goal does, with no credentials and no load into an engine. */
  public BuildResult build(Daemon daemon, DockerfileBuild build, CollectingLog log) {
    String key = build.context().toString();
    ImageLoad noLoad = new ImageLoad(false, build.context().resolve("load"), () -> {
      throw new AssertionError("these builds load nothing into a Docker Engine");
    });
    try (BuilderNodes nodes = nodes(daemon, key, log)) {
      return new BuildRunner(new CredentialsChain(List.of()), noLoad, log).run(nodes, build, key);
    }
  }

  /** Solves {@code build} as it is, on the first node of {@code daemon}, as each node of a multi-node build does. */
  public SolveResults solve(Daemon daemon, DockerfileBuild build, CollectingLog log) {
    String key = build.context().toString();
    try (BuilderNodes nodes = nodes(daemon, key, log); ConnectedDaemon connected = nodes.nodes().get(0).dial(DialTimeout.DEFAULT)) {
      return new DockerfileSolver(connected.channel(), connected.features(), new CredentialsChain(List.of()), log)
          .solve(build, key).results();
    }
  }

  private BuilderNodes nodes(Daemon daemon, String stickyKey, ProgressLog log) {
    if (daemon == Daemon.STANDALONE) {
      DaemonChoice choice = new DaemonChoice.StandingDaemon(RemoteEndpoint.parse(RealBuildkit.require().address()),
          false);
      return new DaemonConnector(Map.of(), () -> {
        throw new AssertionError("a standing daemon needs no cluster");
      }, null, DialTimeout.DEFAULT, log).nodes(choice, stickyKey);
    }
    return new DaemonConnector(Map.of(), kubernetes::access, kubernetes.namespace(),
        DialTimeout.DEFAULT, log)
        .nodes(new DaemonChoice.ClusterBuilder(SuiteBuilder.NAME, null), stickyKey);
  }
}
