package dev.kbuildx.driver.kubernetes;

import dev.kbuildx.progress.CollectingLog;
import static dev.kbuildx.driver.kubernetes.KubeFixtures.NAMESPACE;
import static dev.kbuildx.driver.kubernetes.KubeFixtures.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.kbuildx.platform.Platform;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class BuilderInventoryTest {
  KubernetesClient client;

  @BeforeEach
  void builders() {
    BuilderApplier applier = new BuilderApplier(client, new CollectingLog());
    applier.apply(List.of(
        node("kube", "kube1", Map.of("persistent-volume-claim.requests.storage", "5Gi"), "linux/arm64"),
        node("kube", "kube0", Map.of("replicas", "2"), "linux/amd64,linux/arm/v7")));
    applier.apply(List.of(node("alpha", "alpha0", Map.of(), "", Map.of(), "other")));
    // Not managed by kbuildx: never listed.
    client.apps().deployments().inNamespace(NAMESPACE).resource(new DeploymentBuilder()
        .withNewMetadata().withName("web").addToLabels("app", "web").endMetadata()
        .withNewSpec().withNewSelector().addToMatchLabels("app", "web").endSelector().endSpec()
        .build()).create();
  }

  @Test
  void listsEveryNodeSortedByBuilderNamespaceAndNode() {
    List<NodeState> nodes = new BuilderInventory(client).nodes(null);

    assertThat(nodes).extracting(NodeState::builder, NodeState::namespace, NodeState::node, NodeState::kind)
        .containsExactly(
            tuple("alpha", "other", "alpha0", "Deployment"),
            tuple("kube", "ci", "kube0", "Deployment"),
            tuple("kube", "ci", "kube1", "StatefulSet"));
    assertThat(new BuilderInventory(client).nodes(NAMESPACE)).extracting(NodeState::node)
        .containsExactly("kube0", "kube1");
  }

  @Test
  void readsStateFromLabelsAnnotationsStatusAndPods() {
    pod("kube0-b", "Running", true);
    pod("kube0-a", "Pending", false);
    pod("kube1-0", "Running", true);
    client.apps().deployments().inNamespace(NAMESPACE).withName("kube0")
        .editStatus(d -> new DeploymentBuilder(d).editOrNewStatus().withReadyReplicas(1).endStatus().build());

    List<NodeState> nodes = new BuilderInventory(client).builder("kube", NAMESPACE);

    NodeState kube0 = nodes.get(0);
    assertThat(kube0.objectName()).isEqualTo("kube0");
    assertThat(kube0.platforms()).containsExactly(
        Platform.parse("linux/amd64", "platforms"), Platform.parse("linux/arm/v7", "platforms"));
    assertThat(kube0.replicas()).isEqualTo(2);
    assertThat(kube0.readyReplicas()).isEqualTo(1);
    assertThat(kube0.spec()).containsEntry("replicas", "2").containsEntry("platforms", "linux/amd64,linux/arm/v7");
    assertThat(kube0.pods()).containsExactly(
        new PodState("kube0-a", "Pending", false, false), new PodState("kube0-b", "Running", true, false));
    assertThat(kube0.status()).isEqualTo("running");
    NodeState kube1 = nodes.get(1);
    assertThat(kube1.readyReplicas()).isZero();
    assertThat(kube1.pods()).extracting(PodState::name).containsExactly("kube1-0");
    assertThat(kube1.status()).isEqualTo("stopped");
  }

  @Test
  void anUnknownBuilderHasNoNodes() {
    assertThat(new BuilderInventory(client).builder("nope", NAMESPACE)).isEmpty();
    assertThat(new BuilderInventory(client).builder("alpha", NAMESPACE)).isEmpty();
    assertThat(new BuilderInventory(client).builder("alpha", null)).hasSize(1);
  }

  private void pod(String name, String phase, boolean ready) {
    String app = name.substring(0, name.indexOf('-'));
    Pod pod = client.pods().inNamespace(NAMESPACE).resource(new PodBuilder()
        .withNewMetadata().withName(name).addToLabels("app", app).endMetadata()
        .withNewSpec().addNewContainer().withName("buildkitd").withImage("moby/buildkit").endContainer().endSpec()
        .build()).create();
    pod.setStatus(new PodStatusBuilder().withPhase(phase)
        .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
        .build());
    client.pods().inNamespace(NAMESPACE).resource(pod).updateStatus();
  }
}
