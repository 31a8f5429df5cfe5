package dev.kbuildx.real;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kbuildx.build.BuildOutputs;
import dev.kbuildx.buildkit.DockerfileBuild;
import dev.kbuildx.engine.TestEngine;
import dev.kbuildx.progress.CollectingLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An image built on a Kubernetes node reaches the local Docker Engine with {@code load} or the node's {@code default-load}. */
class KubernetesLoadTest {
  private static final String RUN_LABEL = "dev.kbuildx.test.run";

  @TempDir Path dir;

  @Test
  void loadAndDefaultLoadPutTheTaggedImageIntoTheEngine() throws IOException {
    TestEngine engine = TestEngine.require();
    try (FreshNamespace namespace = FreshNamespace.create("load", dir)) {
      Path context = Files.createDirectories(dir.resolve("context"));
      Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY hello.txt /\n");
      Files.writeString(context.resolve("hello.txt"), "loaded from a pod");
      Map<String, String> environment = Map.of("DOCKER_HOST", engine.dockerHost());

      String loadTag = "kbuildx-test/k8s-load:1";
      String defaultLoadTag = "kbuildx-test/k8s-default-load:1";
      engine.removeImage(loadTag);
      engine.removeImage(defaultLoadTag);

      String explicitRun = UUID.randomUUID().toString();
      new ClusterBuilds(namespace.kubeconfig(), ClusterBuilds.oneNode("load", "load0", Map.of()), environment,
          dir.resolve("work"), new CollectingLog()).build(tagged(context, loadTag, explicitRun), true);
      assertLoaded(engine, loadTag, explicitRun);

      String defaultRun = UUID.randomUUID().toString();
      new ClusterBuilds(namespace.kubeconfig(), ClusterBuilds.oneNode("default-load", "default-load0",
          Map.of("default-load", "true")), environment, dir.resolve("work"), new CollectingLog())
          .build(tagged(context, defaultLoadTag, defaultRun));
      assertLoaded(engine, defaultLoadTag, defaultRun);
    }
  }

  /** The engine has an image under {@code tag}, and it is the build labelled with {@code run}. */
  private static void assertLoaded(TestEngine engine, String tag, String run) {
    assertThat(engine.imageExists(tag)).as("%s in the engine", tag).isTrue();
    assertThat(engine.engineApi("GET", "/images/" + tag + "/json").json().path("Config").path("Labels")
        .path(RUN_LABEL).asText()).isEqualTo(run);
    engine.removeImage(tag);
  }

  /** The image that {@code tag} names and {@code run} labels, kept on the builder unless loaded. */
  private DockerfileBuild tagged(Path context, String tag, String run) {
    DockerfileBuild.Builder build = DockerfileBuild.builder(context).label(RUN_LABEL, run);
    BuildOutputs.apply(build, dir, List.of(tag), false, List.of());
    return build.build();
  }
}
