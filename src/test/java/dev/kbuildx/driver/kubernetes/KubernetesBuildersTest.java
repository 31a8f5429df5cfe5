package dev.kbuildx.driver.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.kbuildx.Await;
import dev.kbuildx.KbuildxException;
import dev.kbuildx.buildkit.BuildkitdConfig;
import dev.kbuildx.platform.Platform;
import dev.kbuildx.progress.CollectingLog;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class KubernetesBuildersTest {
  private static final String NAMESPACE = "ci";
  private static final String TOML = "debug = true\n";

  KubernetesClient client;

  private final CollectingLog log = new CollectingLog();

  @Test
  void createWithoutBootstrapAppliesEveryNode() {
    builders().create(builder("kube", spec("kube0", "linux/amd64", Map.of("namespace", "other")),
        spec("kube1", "linux/arm64", Map.of())), NAMESPACE, false);

    assertThat(deployment("other", "kube0")).isNotNull();
    assertThat(deployment(NAMESPACE, "kube1").getMetadata().getLabels())
        .containsEntry(BuilderLabels.BUILDER, "kube").containsEntry(BuilderLabels.NODE, "kube1");
    assertThat(log.messages()).last().isEqualTo("builder kube is applied");
    assertThat(log.messages()).noneMatch(line -> line.startsWith("waiting for"));
  }

  @Test
  void createWithoutANamespaceUsesTheContextNamespace() {
    builders().create(builder("kube", spec("kube0", "", Map.of())), null, false);

    assertThat(deployment(client.getNamespace(), "kube0")).isNotNull();
  }

  @Test
  void createWithBootstrapReturnsOnceEveryNodeIsReady() throws Exception {
    CompletableFuture<Void> kubelet = CompletableFuture.runAsync(() -> {
      markReady("kube0", 1);
      markReady("kube1", 2);
    });

    builders().create(builder("kube", spec("kube0", "linux/amd64", Map.of()),
        spec("kube1", "linux/arm64", Map.of("replicas", "2"))), NAMESPACE, true);

    kubelet.get(30, TimeUnit.SECONDS);
    assertThat(log.messages()).contains("node kube0 is ready", "node kube1 is ready");
    assertThat(log.messages()).last().isEqualTo("builder kube is ready");
  }

  @Test
  void aFailedBootstrapRemovesTheNodesItCreatedAndKeepsTheOthers() {
    KubernetesBuilders builders = builders();
    builders.create(builder("kube", spec("kube0", "", Map.of())), NAMESPACE, false);

    // Nothing plays the controller here, so no node becomes ready within its second.
    assertThatThrownBy(() -> builders.create(builder("kube", spec("kube0", "", Map.of("timeout", "1s")),
        withConfig(spec("kube1", "", Map.of("timeout", "1s")))), NAMESPACE, true))
        .isInstanceOf(BootstrapTimeoutException.class)
        .hasMessageContaining("node kube0 of builder \"kube\" was not ready within 1 second")
        .hasMessageContaining("node kube1 of builder \"kube\" was not ready within 1 second")
        .hasMessageContaining("The nodes this run created (kube1) were removed again")
        .hasMessageContaining("-Dkbuildx.bootstrap=false");

    assertThat(deployment(NAMESPACE, "kube0")).isNotNull();
    assertThat(deployment(NAMESPACE, "kube1")).isNull();
    assertThat(client.configMaps().inNamespace(NAMESPACE).list().getItems()).isEmpty();
  }

  @Test
  void aFailedAppendLeavesTheOtherNodesPlatforms() {
    KubernetesBuilders builders = builders();
    builders.create(builder("kube", spec("kube0", "linux/amd64,linux/arm64", Map.of())), NAMESPACE, false);

    assertThatThrownBy(() -> builders.append("kube", builders.existingNodes("kube", NAMESPACE),
        spec("kube1", "linux/arm64", Map.of("timeout", "1s")), NAMESPACE, true))
        .isInstanceOf(BootstrapTimeoutException.class);

    assertThat(deployment(NAMESPACE, "kube1")).isNull();
    assertThat(deployment(NAMESPACE, "kube0").getMetadata().getAnnotations())
        .containsEntry(BuilderLabels.PLATFORMS, "linux/amd64,linux/arm64");
  }

  @Test
  void appendToAnUnknownBuilderFailsAndCreatesNothing() {
    KubernetesBuilders builders = builders();
    List<NodeState> existing = builders.existingNodes("nope", NAMESPACE);

    assertThatThrownBy(() -> builders.append("nope", existing, spec("nope1", "linux/arm64", Map.of()), NAMESPACE,
        false))
        .isInstanceOf(KbuildxException.class)
        .hasMessageContaining("builder \"nope\" was not found in namespace \"ci\"")
        .hasMessageContaining("kbuildx:create");
    assertThat(client.apps().deployments().inAnyNamespace().list().getItems()).isEmpty();
    assertThat(client.configMaps().inAnyNamespace().list().getItems()).isEmpty();
  }

  @Test
  void appendTakesTheNewNodesPlatformsFromTheOtherNodes() {
    KubernetesBuilders builders = builders();
    builders.create(builder("kube", spec("kube0", "linux/amd64,linux/arm64", Map.of())), NAMESPACE, false);

    builders.append("kube", builders.existingNodes("kube", NAMESPACE), spec("kube1", "linux/arm64", Map.of()),
        NAMESPACE, false);

    Map<String, String> kube0 = deployment(NAMESPACE, "kube0").getMetadata().getAnnotations();
    assertThat(kube0).containsEntry(BuilderLabels.BUILDX_PLATFORM, "linux/amd64")
        .containsEntry(BuilderLabels.PLATFORMS, "linux/amd64");
    assertThat(deployment(NAMESPACE, "kube1").getMetadata().getAnnotations())
        .containsEntry(BuilderLabels.PLATFORMS, "linux/arm64");
    assertThat(builders.existingNodes("kube", NAMESPACE))
        .extracting(NodeState::node, n -> n.platforms().stream().map(Platform::toString).toList())
        .containsExactly(tuple("kube0", List.of("linux/amd64")), tuple("kube1", List.of("linux/arm64")));
    assertThat(log.messages()).contains("node kube1 of builder kube is applied");
  }

  @Test
  void listsOneNamespaceOrAll() {
    KubernetesBuilders builders = builders();
    builders.create(builder("kube", spec("kube0", "", Map.of())), NAMESPACE, false);
    builders.create(builder("alpha", spec("alpha0", "", Map.of())), "other", false);

    assertThat(builders.list(NAMESPACE, false)).extracting(NodeState::builder, NodeState::node)
        .containsExactly(tuple("kube", "kube0"));
    assertThat(builders.list(NAMESPACE, true)).extracting(NodeState::builder, NodeState::namespace)
        .containsExactly(tuple("alpha", "other"), tuple("kube", NAMESPACE));
    assertThat(builders.list(null, false)).isEmpty();
  }

  @Test
  void removesANodeThenTheBuilder() {
    KubernetesBuilders builders = builders();
    builders.create(builder("kube", spec("kube0", "", Map.of()), withConfig(spec("kube1", "", Map.of()))),
        NAMESPACE, false);
    assertThat(client.configMaps().inNamespace(NAMESPACE).list().getItems()).isNotEmpty();

    builders.remove("kube", "kube1", NAMESPACE, false);

    assertThat(builders.existingNodes("kube", NAMESPACE)).extracting(NodeState::node).containsExactly("kube0");
    assertThat(client.configMaps().inNamespace(NAMESPACE).list().getItems()).isEmpty();

    builders.remove("kube", null, NAMESPACE, false);

    assertThat(builders.existingNodes("kube", NAMESPACE)).isEmpty();
    assertThatThrownBy(() -> builders.remove("kube", null, NAMESPACE, false))
        .isInstanceOf(KbuildxException.class)
        .hasMessageContaining("builder \"kube\" not found in namespace \"ci\"");
  }

  @Test
  void dryRunPrintsConfigMapsBeforeTheWorkload() {
    String yaml = KubernetesBuilders.dryRun(builder("kube", withConfig(spec("kube0", "linux/amd64", Map.of()))), "ci");

    assertThat(yaml).startsWith("---\n");
    assertThat(yaml.indexOf("kind: ConfigMap\n")).isNotNegative()
        .isLessThan(yaml.indexOf("kind: Deployment\n"));
    assertThat(yaml).contains("namespace: ci\n", "name: kube0\n", "debug = true");
    assertThat(client.apps().deployments().inAnyNamespace().list().getItems()).isEmpty();
  }

  @Test
  void dryRunWithoutANamespaceLeavesItOut() {
    String yaml = KubernetesBuilders.dryRun(builder("kube", spec("kube0", "", Map.of()),
        spec("kube1", "", Map.of("replicas", "2"))), null);

    assertThat(yaml).doesNotContain("namespace:").doesNotContain("ConfigMap");
    assertThat(yaml.split("(?m)^---$")).filteredOn(doc -> doc.contains("kind: Deployment\n")).hasSize(2);
  }

  private KubernetesBuilders builders() {
    return new KubernetesBuilders(ClusterAccess.of(client), log);
  }

  /** Plays the Deployment controller: once the workload exists, reports its pods ready. */
  private void markReady(String name, int replicas) {
    try {
      Await.until("Deployment " + name + " is created", Duration.ofSeconds(20),
          () -> deployment(NAMESPACE, name) != null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    client.apps().deployments().inNamespace(NAMESPACE).withName(name).editStatus(d -> new DeploymentBuilder(d)
        .editOrNewStatus().withReadyReplicas(replicas).withUpdatedReplicas(replicas).endStatus().build());
  }

  private Deployment deployment(String namespace, String name) {
    return client.apps().deployments().inNamespace(namespace).withName(name).get();
  }

  private static BuilderSpec builder(String name, NodeSpec... nodes) {
    return new BuilderSpec(name, List.of(nodes));
  }

  private static NodeSpec spec(String name, String platforms, Map<String, String> options) {
    return new NodeSpec(name, Platform.parseList(platforms, "platforms"),
        new KubernetesOptionsBuilder().setAll(new TreeMap<>(options)).build(),
        List.of("--allow-insecure-entitlement=network.host"), BuildkitdConfig.NONE);
  }

  private static NodeSpec withConfig(NodeSpec node) {
    return new NodeSpec(node.name(), node.platforms(), node.options(), node.buildkitdFlags(),
        new BuildkitdConfig(new TreeMap<>(Map.of("buildkitd.toml", TOML)), false));
  }
}
