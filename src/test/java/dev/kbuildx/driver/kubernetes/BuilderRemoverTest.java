package dev.kbuildx.driver.kubernetes;

import dev.kbuildx.progress.CollectingLog;
import static dev.kbuildx.driver.kubernetes.KubeFixtures.NAMESPACE;
import static dev.kbuildx.driver.kubernetes.KubeFixtures.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kbuildx.KbuildxException;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class BuilderRemoverTest {
  KubernetesClient client;

  private final CollectingLog log = new CollectingLog();

  @BeforeEach
  void builders() {
    BuilderApplier applier = new BuilderApplier(client, new CollectingLog());
    applier.apply(List.of(
        node("kube", "kube0", Map.of(), "linux/amd64", Map.of("buildkitd.toml", "debug = true\n")),
        node("kube", "kube1", Map.of("persistent-volume-claim.requests.storage", "5Gi"), "linux/arm64")));
    applier.apply(List.of(node("other", "other0", Map.of(), "")));
    // What the StatefulSet controller creates from the claim template, labels included.
    client.persistentVolumeClaims().inNamespace(NAMESPACE).resource(new PersistentVolumeClaimBuilder()
        .withNewMetadata().withName("buildkitd-kube1-0")
        .addToLabels(BuilderLabels.BUILDER, "kube").addToLabels(BuilderLabels.NODE, "kube1").endMetadata()
        .build()).create();
  }

  @Test
  void removesAWholeBuilderButKeepsItsVolumesByDefault() {
    new BuilderRemover(client, log).remove("kube", null, NAMESPACE, false);

    assertThat(client.apps().deployments().inNamespace(NAMESPACE).list().getItems())
        .extracting(d -> d.getMetadata().getName()).containsExactly("other0");
    assertThat(client.apps().statefulSets().inNamespace(NAMESPACE).list().getItems()).isEmpty();
    assertThat(client.configMaps().inNamespace(NAMESPACE).list().getItems()).isEmpty();
    assertThat(client.persistentVolumeClaims().inNamespace(NAMESPACE).withName("buildkitd-kube1-0").get()).isNotNull();
    assertThat(log.messages()).containsExactlyInAnyOrder(
        "deleted Deployment \"kube0\" in namespace \"ci\"",
        "deleted StatefulSet \"kube1\" in namespace \"ci\"",
        "deleted ConfigMap \"kube0-config\" in namespace \"ci\"",
        "kept 1 persistent volume claims with BuildKit's cache (buildkitd-kube1-0); "
            + "remove them with the removeVolumes setting");
  }

  @Test
  void removesVolumesWhenAsked() {
    new BuilderRemover(client, log).remove("kube", null, NAMESPACE, true);

    assertThat(client.persistentVolumeClaims().inNamespace(NAMESPACE).list().getItems()).isEmpty();
    assertThat(log.messages()).contains("deleted PersistentVolumeClaim \"buildkitd-kube1-0\" in namespace \"ci\"");
  }

  @Test
  void removesOneNode() {
    new BuilderRemover(client, log).remove("kube", "kube0", NAMESPACE, true);

    assertThat(client.apps().deployments().inNamespace(NAMESPACE).withName("kube0").get()).isNull();
    assertThat(client.configMaps().inNamespace(NAMESPACE).list().getItems()).isEmpty();
    assertThat(client.apps().statefulSets().inNamespace(NAMESPACE).withName("kube1").get()).isNotNull();
    assertThat(client.persistentVolumeClaims().inNamespace(NAMESPACE).withName("buildkitd-kube1-0").get()).isNotNull();
  }

  @Test
  void anUnknownBuilderNamesTheExistingOnes() {
    assertThatThrownBy(() -> new BuilderRemover(client, log).remove("kub", null, NAMESPACE, false))
        .isInstanceOf(KbuildxException.class)
        .hasMessage("builder \"kub\" not found in namespace \"ci\"; the builders in that namespace are: kube, other");
    assertThatThrownBy(() -> new BuilderRemover(client, log).remove("kube", null, "elsewhere", false))
        .hasMessage("builder \"kube\" not found in namespace \"elsewhere\"; there are no kbuildx builders in that namespace");
  }

  @Test
  void anUnknownNodeNamesTheBuildersNodes() {
    assertThatThrownBy(() -> new BuilderRemover(client, log).remove("kube", "kube7", NAMESPACE, false))
        .isInstanceOf(KbuildxException.class)
        .hasMessage("node \"kube7\" of builder \"kube\" not found in namespace \"ci\"; the builder's nodes are: kube0, kube1");
  }

  @Test
  void leftoverVolumesAreFoundWhenTheyAreToBeRemoved() {
    BuilderRemover remover = new BuilderRemover(client, log);
    remover.remove("kube", "kube1", NAMESPACE, false);

    assertThatThrownBy(() -> remover.remove("kube", "kube1", NAMESPACE, false))
        .hasMessageContaining("only its persistent volume claims are left (buildkitd-kube1-0)");
    remover.remove("kube", "kube1", NAMESPACE, true);
    assertThat(client.persistentVolumeClaims().inNamespace(NAMESPACE).list().getItems()).isEmpty();
  }
}
