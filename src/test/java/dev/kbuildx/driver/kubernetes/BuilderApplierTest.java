package dev.kbuildx.driver.kubernetes;

import dev.kbuildx.progress.CollectingLog;
import static dev.kbuildx.driver.kubernetes.KubeFixtures.NAMESPACE;
import static dev.kbuildx.driver.kubernetes.KubeFixtures.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kbuildx.KbuildxException;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class BuilderApplierTest {
  private static final String TOML = "debug = true\n";

  KubernetesClient client;

  private final CollectingLog log = new CollectingLog();

  @Test
  void createsConfigMapsAndTheDeployment() {
    RenderedNode kube0 = node("kube", "kube0", Map.of(), "linux/amd64", Map.of("buildkitd.toml", TOML));

    new BuilderApplier(client, log).apply(List.of(kube0));

    Deployment deployment = deployment("kube0");
    assertThat(deployment.getMetadata().getLabels())
        .containsEntry(BuilderLabels.BUILDER, "kube")
        .containsEntry(BuilderLabels.NODE, "kube0");
    assertThat(deployment.getMetadata().getAnnotations()).containsEntry(BuilderLabels.SPEC_HASH, kube0.specHash());
    assertThat(client.configMaps().inNamespace(NAMESPACE).withName("kube0-config").get().getData())
        .containsEntry("buildkitd.toml", TOML);
    assertThat(log.messages()).containsExactly("node kube0: created Deployment \"kube0\" in namespace \"ci\"");
  }

  @Test
  void reapplyingTheSameSpecChangesNothing() {
    RenderedNode kube0 = node("kube", "kube0", Map.of(), "linux/amd64");
    BuilderApplier applier = new BuilderApplier(client, log);
    applier.apply(List.of(kube0));
    String version = deployment("kube0").getMetadata().getResourceVersion();

    applier.apply(List.of(node("kube", "kube0", Map.of(), "linux/amd64")));

    assertThat(deployment("kube0").getMetadata().getResourceVersion()).isEqualTo(version);
    assertThat(log.messages()).last().isEqualTo("node kube0 is up to date");
  }

  @Test
  void updatesAChangedNodeAndSaysWhatChanged() {
    BuilderApplier applier = new BuilderApplier(client, log);
    applier.apply(List.of(node("kube", "kube0", Map.of("labels", "team=a"), "linux/amd64")));

    RenderedNode changed = node("kube", "kube0",
        Map.of("replicas", "2", "image", "moby/buildkit:v0.20.0", "env.TOKEN", "s3cret"), "linux/amd64");
    applier.apply(List.of(changed));

    Deployment deployment = deployment("kube0");
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("moby/buildkit:v0.20.0");
    assertThat(deployment.getMetadata().getLabels()).doesNotContainKey("team");
    assertThat(deployment.getMetadata().getAnnotations()).containsEntry(BuilderLabels.SPEC_HASH, changed.specHash());
    assertThat(log.messages()).containsSubsequence(
        "node kube0: env.TOKEN added, image moby/buildkit:buildx-stable-1 -> moby/buildkit:v0.20.0, "
            + "labels removed, replicas 1 -> 2",
        "node kube0: updated Deployment \"kube0\" in namespace \"ci\"");
    assertThat(String.join("\n", log.lines)).doesNotContain("s3cret");
  }

  @Test
  void deletesConfigMapsTheNodeNoLongerUses() {
    BuilderApplier applier = new BuilderApplier(client, log);
    applier.apply(List.of(node("kube", "kube0", Map.of(), "", Map.of("buildkitd.toml", TOML, "certs/r/ca.pem", "x"))));
    assertThat(configMapNames()).containsExactlyInAnyOrder("kube0-config", "kube0-config-1");

    applier.apply(List.of(node("kube", "kube0", Map.of(), "", Map.of("buildkitd.toml", "debug = false\n"))));

    assertThat(configMapNames()).containsExactly("kube0-config");
    assertThat(client.configMaps().inNamespace(NAMESPACE).withName("kube0-config").get().getData())
        .containsEntry("buildkitd.toml", "debug = false\n");
    assertThat(log.messages()).contains("node kube0: config.buildkitd.toml changed, config.certs/r/ca.pem removed",
        "node kube0: deleted ConfigMap \"kube0-config-1\" (no longer used)");
  }

  @Test
  void switchesKindWhenPersistentStorageIsAddedAndRemoved() {
    BuilderApplier applier = new BuilderApplier(client, log);
    applier.apply(List.of(node("kube", "kube0", Map.of(), "")));

    applier.apply(List.of(node("kube", "kube0", Map.of("persistent-volume-claim.requests.storage", "10Gi"), "")));

    assertThat(client.apps().deployments().inNamespace(NAMESPACE).withName("kube0").get()).isNull();
    assertThat(statefulSet("kube0")).isNotNull();
    assertThat(log.messages()).contains(
        "node kube0: replacing the Deployment with a StatefulSet (persistent volume claim storage was added)",
        "node kube0: created StatefulSet \"kube0\" in namespace \"ci\"");

    applier.apply(List.of(node("kube", "kube0", Map.of(), "")));

    assertThat(statefulSet("kube0")).isNull();
    assertThat(deployment("kube0")).isNotNull();
  }

  @Test
  void replacesAStatefulSetWhoseClaimSizeChanged() {
    BuilderApplier applier = new BuilderApplier(client, log);
    applier.apply(List.of(node("kube", "kube0", Map.of("persistent-volume-claim.requests.storage", "10Gi"), "")));
    String firstUid = statefulSet("kube0").getMetadata().getUid();

    applier.apply(List.of(node("kube", "kube0", Map.of("persistent-volume-claim.requests.storage", "20Gi"), "")));

    StatefulSet replaced = statefulSet("kube0");
    assertThat(replaced.getMetadata().getUid()).isNotEqualTo(firstUid);
    assertThat(replaced.getSpec().getVolumeClaimTemplates().get(0).getSpec().getResources().getRequests().get("storage"))
        .hasToString("20Gi");
    assertThat(log.messages()).anyMatch(line -> line.startsWith(
        "node kube0: replacing the StatefulSet because its volume claim template"));
  }

  @Test
  void refusesAWorkloadOfAnotherBuilderBeforeCreatingAnything() {
    client.resource(foreignDeployment("kube1", Map.of(BuilderLabels.BUILDER, "other", BuilderLabels.NODE, "kube1")))
        .inNamespace(NAMESPACE).create();
    BuilderApplier applier = new BuilderApplier(client, log);

    assertThatThrownBy(() -> applier.apply(List.of(
            node("kube", "kube0", Map.of(), "", Map.of("buildkitd.toml", TOML)),
            node("kube", "kube1", Map.of(), ""))))
        .isInstanceOf(KbuildxException.class)
        .hasMessageContaining("Deployment \"kube1\" in namespace \"ci\" belongs to node kube1 of builder \"other\"")
        .hasMessageContaining("nothing was changed");
    assertThat(client.apps().deployments().inNamespace(NAMESPACE).withName("kube0").get()).isNull();
    assertThat(configMapNames()).isEmpty();
  }

  @Test
  void refusesAWorkloadNotManagedByKbuildx() {
    client.resource(foreignDeployment("kube0", Map.of())).inNamespace(NAMESPACE).create();

    assertThatThrownBy(() -> new BuilderApplier(client, log).apply(List.of(node("kube", "kube0", Map.of(), ""))))
        .isInstanceOf(KbuildxException.class)
        .hasMessageContaining("Deployment \"kube0\" in namespace \"ci\" is not managed by kbuildx");
  }

  @Test
  void concurrentAppliesOfTheSameBuilderBothSucceed() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch start = new CountDownLatch(1);
    Callable<Void> apply = () -> {
      start.await();
      new BuilderApplier(client, log).apply(List.of(
          node("kube", "kube0", Map.of(), "linux/amd64", Map.of("buildkitd.toml", TOML)),
          node("kube", "kube1", Map.of(), "linux/arm64")));
      return null;
    };
    try {
      List<Future<Void>> results = List.of(pool.submit(apply), pool.submit(apply));
      start.countDown();
      for (Future<Void> result : results) {
        result.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(client.apps().deployments().inNamespace(NAMESPACE).list().getItems())
        .extracting(d -> d.getMetadata().getName()).containsExactlyInAnyOrder("kube0", "kube1");
    assertThat(configMapNames()).containsExactly("kube0-config");
  }

  private Deployment deployment(String name) {
    return client.apps().deployments().inNamespace(NAMESPACE).withName(name).get();
  }

  private StatefulSet statefulSet(String name) {
    return client.apps().statefulSets().inNamespace(NAMESPACE).withName(name).get();
  }

  private List<String> configMapNames() {
    return client.configMaps().inNamespace(NAMESPACE).list().getItems().stream()
        .map(ConfigMap::getMetadata).map(m -> m.getName()).toList();
  }

  private static Deployment foreignDeployment(String name, Map<String, String> labels) {
    return new DeploymentBuilder()
        .withNewMetadata().withName(name).addToLabels(labels).addToLabels("app", name).endMetadata()
        .withNewSpec()
        .withNewSelector().addToMatchLabels("app", name).endSelector()
        .withNewTemplate()
        .withNewMetadata().addToLabels("app", name).endMetadata()
        .withNewSpec().addNewContainer().withName("buildkitd").withImage("moby/buildkit").endContainer().endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }
}
