package dev.kbuildx.driver.kubernetes;

import dev.kbuildx.progress.CollectingLog;
import static dev.kbuildx.driver.kubernetes.KubeFixtures.NAMESPACE;
import static dev.kbuildx.driver.kubernetes.KubeFixtures.node;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kbuildx.platform.Platform;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class PlatformOwnershipTest {
  KubernetesClient client;

  private final CollectingLog log = new CollectingLog();

  @Test
  void theAppendedNodeTakesItsPlatformsFromTheOthers() {
    new BuilderApplier(client, new CollectingLog()).apply(List.of(
        node("kube", "kube0", Map.of(), "linux/amd64,linux/arm64"),
        node("kube", "kube1", Map.of("persistent-volume-claim.requests.storage", "5Gi"), "linux/arm64"),
        node("kube", "kube2", Map.of(), "linux/s390x")));
    String untouchedVersion = deployment("kube2").getMetadata().getResourceVersion();
    List<NodeState> others = new BuilderInventory(client).builder("kube", NAMESPACE);

    new PlatformOwnership(client, log).release(others, List.of(Platform.parse("linux/arm64", "platforms")));

    Deployment kube0 = deployment("kube0");
    RenderedNode expected = node("kube", "kube0", Map.of(), "linux/amd64");
    assertThat(kube0.getMetadata().getAnnotations())
        .containsEntry(BuilderLabels.BUILDX_PLATFORM, "linux/amd64")
        .containsEntry(BuilderLabels.PLATFORMS, "linux/amd64")
        .containsEntry(BuilderLabels.SPEC_HASH, expected.specHash());
    assertThat(kube0.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry(BuilderLabels.BUILDX_PLATFORM, "linux/amd64")
        .containsEntry(BuilderLabels.SPEC_HASH, expected.specHash());
    assertThat(SpecDiff.parse(kube0.getMetadata().getAnnotations().get(BuilderLabels.SPEC))).isEqualTo(expected.spec());

    StatefulSet kube1 = client.apps().statefulSets().inNamespace(NAMESPACE).withName("kube1").get();
    assertThat(kube1.getMetadata().getAnnotations())
        .doesNotContainKey(BuilderLabels.BUILDX_PLATFORM)
        .containsEntry(BuilderLabels.PLATFORMS, "");
    assertThat(kube1.getSpec().getTemplate().getMetadata().getAnnotations())
        .doesNotContainKey(BuilderLabels.BUILDX_PLATFORM);
    assertThat(deployment("kube2").getMetadata().getResourceVersion()).isEqualTo(untouchedVersion);
    assertThat(log.messages()).containsExactly(
        "node kube0: platforms linux/amd64,linux/arm64 -> linux/amd64 (linux/arm64 now belongs to the appended node)",
        "node kube1: platforms linux/arm64 -> (none) (linux/arm64 now belongs to the appended node)");

    // The stored state is what rendering the reduced node gives, so applying it changes nothing.
    CollectingLog applyLog = new CollectingLog();
    new BuilderApplier(client, applyLog).apply(List.of(expected));
    assertThat(applyLog.messages()).containsExactly("node kube0 is up to date");
  }

  private Deployment deployment(String name) {
    return client.apps().deployments().inNamespace(NAMESPACE).withName(name).get();
  }
}
