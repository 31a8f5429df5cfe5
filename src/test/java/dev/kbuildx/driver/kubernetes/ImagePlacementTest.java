package dev.kbuildx.driver.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kbuildx.driver.ClusterPlacement;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Several Kubernetes nodes, which the single-node test cluster cannot show: an image loaded into the
 * cluster is on the node of the pod that built it, and the nodes a workload could land on that lack
 * it are named; cordoned, tainted and not-ready nodes are not, nor nodes whose kubelet reports it.
 */
@EnableKubernetesMockClient(crud = true)
class ImagePlacementTest {
  private static final String IMAGE = "docker.io/team/app:1";

  KubernetesClient client;

  @BeforeEach
  void cluster() {
    node("node-a", true, false, null, List.of());
    node("node-b", true, false, null, List.of("docker.io/library/other:1"));
    node("node-c", true, false, null, List.of(IMAGE, "docker.io/team/app@sha256:0123"));
    node("node-d", true, true, null, List.of());
    node("node-e", true, false, "NoSchedule", List.of());
    node("node-f", false, false, null, List.of());
    node("node-g", true, false, "PreferNoSchedule", List.of());
    client.pods().inNamespace("builds").resource(new PodBuilder().withNewMetadata().withName("local-abc")
        .endMetadata().withNewSpec().withNodeName("node-a").endSpec().build()).create();
  }

  @Test
  void namesThePodsNodeAndTheSchedulableNodesWithoutTheImage() {
    ClusterPlacement placement = ImagePlacement.find(client, "builds", "local-abc", List.of(IMAGE));

    assertThat(placement.namespace()).isEqualTo("builds");
    assertThat(placement.pod()).isEqualTo("local-abc");
    assertThat(placement.kubernetesNode()).isEqualTo("node-a");
    assertThat(placement.nodesWithoutImage()).containsExactly("node-b", "node-g");
    assertThat(placement.notChecked()).isNull();
  }

  @Test
  void aPodThatIsGoneLeavesItsNodeUnknown() {
    ClusterPlacement placement = ImagePlacement.find(client, "builds", "gone", List.of(IMAGE));

    assertThat(placement.kubernetesNode()).isNull();
    assertThat(placement.nodesWithoutImage()).containsExactly("node-a", "node-b", "node-g");
  }

  private void node(String name, boolean ready, boolean cordoned, String taintEffect, List<String> images) {
    NodeBuilder node = new NodeBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewSpec().withUnschedulable(cordoned).endSpec()
        .withNewStatus().addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
        .addNewImage().withNames(images).endImage().endStatus();
    if (taintEffect != null) {
      node.editSpec().addNewTaint().withKey("dedicated").withEffect(taintEffect).endTaint().endSpec();
    }
    client.nodes().resource(node.build()).create();
  }
}
