package dev.kbuildx.real;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kbuildx.build.BuildOutputs;
import dev.kbuildx.build.LoadTarget;
import dev.kbuildx.buildkit.DockerfileBuild;
import dev.kbuildx.progress.CollectingLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A containerd node whose socket path is wrong fails to start, and the failure says which option to fix and how. */
class ContainerdWorkerRealTest {
  @TempDir Path dir;

  /** The builder does not exist yet: the refusal comes before kbuildx creates it, so the namespace stays empty. */
  @Test
  void aLoadIntoTheClusterOnAnOciNodeIsRefusedBeforeTheNodeIsCreated() throws IOException {
    try (FreshNamespace namespace = FreshNamespace.create("load-oci", dir)) {
      ClusterBuilds builds = new ClusterBuilds(namespace.kubeconfig(), ClusterBuilds.oneNode("oci", "oci0", Map.of()),
          Map.of(), dir.resolve("work"), new CollectingLog());

      assertThatThrownBy(() -> builds.build(tagged("kbuildx-test/never-built:1"), LoadTarget.CLUSTER))
          .hasMessageStartingWith("invalid load \"cluster\": it needs a node of a Kubernetes builder with the driver"
              + " option worker=containerd")
          .hasMessageContaining("the builder's nodes [oci0] have none");
      assertThat(namespace.cluster().client().apps().deployments().inNamespace(namespace.name()).list().getItems())
          .isEmpty();
    }
  }

  @Test
  void aWrongSocketPathNamesTheOptionThePathAndTheUsualSockets() throws IOException {
    NodeContainerd containerd = NodeContainerd.require();
    String wrong = "/run/no-such-containerd/containerd.sock";
    try (FreshNamespace namespace = FreshNamespace.create("containerd-socket", dir)) {
      ClusterBuilds builds = new ClusterBuilds(namespace.kubeconfig(), ClusterBuilds.oneNode("socket", "socket0",
          Map.of("worker", "containerd", "containerd.socket", wrong, "containerd.root", containerd.root(),
              "containerd.buildkit-root", containerd.buildkitRoot(), "timeout", "30s")),
          Map.of(), dir.resolve("work"), new CollectingLog());

      assertThatThrownBy(() -> builds.build(tagged("kbuildx-test/never-built:1")))
          .hasMessageContaining("volume \"containerd-socket\"")
          .hasMessageContaining("the driver option containerd.socket (<containerd><socket>) is \"" + wrong
              + "\", which is no socket on Kubernetes node ")
          .hasMessageContaining("/run/containerd/containerd.sock")
          .hasMessageContaining("k3s and k3d: /run/k3s/containerd/containerd.sock");
    }
  }

  private DockerfileBuild tagged(String tag) throws IOException {
    Path context = Files.createDirectories(dir.resolve("context"));
    Files.writeString(context.resolve("Dockerfile"), "FROM scratch\n");
    DockerfileBuild.Builder build = DockerfileBuild.builder(context);
    BuildOutputs.apply(build, dir, List.of(tag), false, List.of());
    return build.build();
  }
}
