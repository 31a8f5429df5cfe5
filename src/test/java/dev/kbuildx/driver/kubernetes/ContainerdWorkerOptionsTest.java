package dev.kbuildx.driver.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kbuildx.InvalidSettingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The containerd worker's options and the combinations a containerd node cannot have. */
class ContainerdWorkerOptionsTest {
  private static KubernetesOptionsBuilder containerd() {
    return new KubernetesOptionsBuilder().set("worker", "containerd");
  }

  private static void assertRejected(KubernetesOptionsBuilder options, String key, String value, String reason) {
    assertThatThrownBy(options::build).isInstanceOfSatisfying(InvalidSettingException.class, e -> {
      assertThat(e.setting()).isEqualTo(key);
      assertThat(e.value()).isEqualTo(value);
      assertThat(e.accepted()).contains(reason);
    });
  }

  @Test
  void defaultsAreTheUsualNodePathsAndAnOciNodeDescribesNoneOfThem() {
    KubernetesOptions oci = KubernetesOptionsBuilder.defaults();
    assertThat(oci.worker()).isEqualTo(Worker.OCI);
    assertThat(OptionDescriptions.describe(oci)).doesNotContainKeys("worker", "containerd.socket", "containerd.root",
        "containerd.buildkit-root");

    KubernetesOptions node = containerd().build();
    assertThat(node.containerdWorker()).isTrue();
    assertThat(node.containerdSocket()).isEqualTo("/run/containerd/containerd.sock");
    assertThat(node.containerdRoot()).isEqualTo("/var/lib/containerd");
    assertThat(node.containerdBuildkitRoot()).isEqualTo("/var/lib/buildkit");
    assertThat(OptionDescriptions.describe(node)).containsEntry("worker", "containerd")
        .doesNotContainKey("containerd.socket");
  }

  @Test
  void pathsAreTakenWithoutATrailingSlash() {
    KubernetesOptions node = containerd().set("containerd.socket", "/run/k3s/containerd/containerd.sock")
        .set("containerd.root", "/var/lib/rancher/k3s/agent/containerd/").build();
    assertThat(node.containerdSocket()).isEqualTo("/run/k3s/containerd/containerd.sock");
    assertThat(node.containerdRoot()).isEqualTo("/var/lib/rancher/k3s/agent/containerd");
  }

  @ParameterizedTest
  @ValueSource(strings = {"run/containerd/containerd.sock", "./containerd.sock", "/run/../containerd.sock",
      "/run//containerd.sock", "unix:///run/containerd/containerd.sock"})
  void aPathThatIsNotAbsoluteAndPlainIsRefused(String path) {
    assertThatThrownBy(() -> containerd().set("containerd.socket", path))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
          assertThat(e.setting()).isEqualTo("containerd.socket");
          assertThat(e.value()).isEqualTo(path);
          assertThat(e.accepted()).contains("must be absolute and plain").contains("mounts it at the same path");
        });
  }

  @Test
  void anUnknownWorkerIsRefused() {
    assertThatThrownBy(() -> new KubernetesOptionsBuilder().set("worker", "runc"))
        .hasMessage("invalid driver option worker \"runc\": accepted: oci (BuildKit's own worker) or containerd"
            + " (the Kubernetes node's containerd), lower case");
  }

  @Test
  void containerdPathsWithoutTheContainerdWorkerAreRefused() {
    assertRejected(new KubernetesOptionsBuilder().set("containerd.socket", "/run/containerd/containerd.sock"),
        "containerd.socket", "/run/containerd/containerd.sock", "it applies only to a node with worker=containerd");
  }

  @Test
  void rootlessCannotUseTheNodesContainerd() {
    assertRejected(containerd().set("rootless", "true"), "worker", "containerd",
        "rootless BuildKit cannot use the Kubernetes node's containerd");
  }

  @Test
  void twoPodsWouldShareTheStateDirectory() {
    assertRejected(containerd().set("replicas", "2"), "replicas", "2",
        "declare one kbuildx node per Kubernetes node, each with nodeselector=kubernetes.io/hostname=<node>");
  }

  @Test
  void theStateIsOnTheNodeNotInAVolume() {
    assertRejected(containerd().set("persistent-volume-claim.requests.storage", "10Gi"),
        "persistent-volume-claim.requests.storage", "10Gi", "BuildKit keeps its state on the Kubernetes node");
    assertRejected(containerd().set("buildkit-root-volume-memory", "1Gi"), "buildkit-root-volume-memory", "1Gi",
        "not in a volume");
  }
}
