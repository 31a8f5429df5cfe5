package dev.kbuildx.it;

import dev.kbuildx.Await;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MockClusterTest {
  private static MockCluster cluster;

  @BeforeAll
  static void startCluster() {
    cluster = MockCluster.start();
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  @Test
  void kubeconfigReachesTheClusterInTheBuildsNamespace(@TempDir Path dir) throws Exception {
    Path kubeconfig = cluster.writeKubeconfig(dir.resolve("kubeconfig"));
    Config config = Config.fromKubeconfig(null, Files.readString(kubeconfig), kubeconfig.toString());

    assertThat(cluster.url()).matches("https://127\\.0\\.0\\.1:\\d+");
    assertThat(config.getMasterUrl()).startsWith(cluster.url());
    assertThat(config.getNamespace()).isEqualTo(MockKubeconfig.NAMESPACE);
    assertThat(config.isTrustCerts()).isTrue();
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
      client.apps().deployments().resource(deployment("reach", 1)).create();
      assertThat(cluster.client().apps().deployments().inNamespace(MockKubeconfig.NAMESPACE)
          .withName("reach").get()).isNotNull();
    }
  }

  @Test
  void otherContextSelectsTheOtherNamespace(@TempDir Path dir) throws Exception {
    Path kubeconfig = cluster.writeKubeconfig(dir.resolve("kubeconfig"));
    Config config = Config.fromKubeconfig(MockKubeconfig.OTHER_CONTEXT,
        Files.readString(kubeconfig), kubeconfig.toString());

    assertThat(config.getNamespace()).isEqualTo(MockKubeconfig.OTHER_NAMESPACE);
  }

  @Test
  void deploymentGetsReadyPodsThatGoAwayWithIt() throws InterruptedException {
    KubernetesClient client = cluster.client();
    client.apps().deployments().inNamespace("ready").resource(deployment("kube0", 2)).create();

    await(() -> readyReplicas(client.apps().deployments().inNamespace("ready").withName("kube0").get()) == 2);
    List<Pod> pods = pods(client, "ready", "kube0");
    assertThat(pods).hasSize(2).allSatisfy(pod -> {
      assertThat(pod.getMetadata().getName()).matches("kube0-[a-z0-9]{10}-[a-z0-9]{5}");
      assertThat(pod.getMetadata().getLabels())
          .containsEntry("app", "kube0")
          .containsEntry("kbuildx.dev/builder", "kube")
          .containsKey("pod-template-hash");
      assertThat(pod.getMetadata().getAnnotations())
          .containsEntry("buildx.docker.com/platform", "linux/amd64");
      assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
      assertThat(pod.getStatus().getConditions())
          .anySatisfy(condition -> {
            assertThat(condition.getType()).isEqualTo("Ready");
            assertThat(condition.getStatus()).isEqualTo("True");
          });
      assertThat(pod.getStatus().getContainerStatuses()).singleElement()
          .satisfies(status -> assertThat(status.getImage()).isEqualTo("moby/buildkit:buildx-stable-1"));
    });

    client.apps().deployments().inNamespace("ready").withName("kube0").delete();
    await(() -> pods(client, "ready", "kube0").isEmpty());
  }

  @Test
  void scalingAndTemplateChangesReplacePods() throws InterruptedException {
    KubernetesClient client = cluster.client();
    client.apps().deployments().inNamespace("scale").resource(deployment("kube0", 1)).create();
    await(() -> readyReplicas(client.apps().deployments().inNamespace("scale").withName("kube0").get()) == 1);
    String firstPod = pods(client, "scale", "kube0").get(0).getMetadata().getName();

    client.apps().deployments().inNamespace("scale").withName("kube0").edit(deployment -> new DeploymentBuilder(deployment)
        .editSpec().withReplicas(3).editTemplate().editSpec().editFirstContainer()
        .withImage("moby/buildkit:v0.32.2").endContainer().endSpec().endTemplate().endSpec().build());

    await(() -> readyReplicas(client.apps().deployments().inNamespace("scale").withName("kube0").get()) == 3);
    assertThat(pods(client, "scale", "kube0")).hasSize(3)
        .noneSatisfy(pod -> assertThat(pod.getMetadata().getName()).isEqualTo(firstPod))
        .allSatisfy(pod -> assertThat(pod.getSpec().getContainers().get(0).getImage())
            .isEqualTo("moby/buildkit:v0.32.2"));
  }

  @Test
  void statefulSetGetsOrdinalPodsAndClaimsThatOutliveIt() throws InterruptedException {
    KubernetesClient client = cluster.client();
    StatefulSet statefulSet = new StatefulSetBuilder()
        .withNewMetadata().withName("kube1").endMetadata()
        .withNewSpec().withReplicas(2).withServiceName("buildkitd").withPodManagementPolicy("Parallel")
            .withNewSelector().addToMatchLabels("app", "kube1").endSelector()
            .withTemplate(template("kube1"))
            .addNewVolumeClaimTemplate().withNewMetadata().withName("buildkitd")
                .addToLabels("kbuildx.dev/builder", "kube").endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce").withNewResources()
                .addToRequests("storage", new Quantity("10Gi")).endResources().endSpec()
            .endVolumeClaimTemplate()
        .endSpec()
        .build();
    client.apps().statefulSets().inNamespace("sts").resource(statefulSet).create();

    await(() -> {
      StatefulSet current = client.apps().statefulSets().inNamespace("sts").withName("kube1").get();
      return current.getStatus() != null && Integer.valueOf(2).equals(current.getStatus().getReadyReplicas());
    });
    assertThat(pods(client, "sts", "kube1")).extracting(pod -> pod.getMetadata().getName())
        .containsExactlyInAnyOrder("kube1-0", "kube1-1");
    assertThat(client.persistentVolumeClaims().inNamespace("sts").list().getItems())
        .extracting(claim -> claim.getMetadata().getName())
        .containsExactlyInAnyOrder("buildkitd-kube1-0", "buildkitd-kube1-1");
    assertThat(client.persistentVolumeClaims().inNamespace("sts").withName("buildkitd-kube1-0").get()
        .getMetadata().getLabels())
        .containsEntry("kbuildx.dev/builder", "kube")
        .containsEntry("app", "kube1");

    client.apps().statefulSets().inNamespace("sts").withName("kube1").delete();
    await(() -> pods(client, "sts", "kube1").isEmpty());
    assertThat(client.persistentVolumeClaims().inNamespace("sts").list().getItems()).hasSize(2);
  }

  @Test
  void workloadRecreatedUnderTheSameNameGetsFreshPods() throws InterruptedException {
    KubernetesClient client = cluster.client();
    StatefulSet statefulSet = new StatefulSetBuilder()
        .withNewMetadata().withName("again0").endMetadata()
        .withNewSpec().withReplicas(1).withServiceName("buildkitd")
            .withNewSelector().addToMatchLabels("app", "again0").endSelector()
            .withTemplate(template("again0"))
        .endSpec()
        .build();
    client.apps().statefulSets().inNamespace("again").resource(statefulSet).create();
    await(() -> pods(client, "again", "again0").size() == 1);
    String firstUid = client.apps().statefulSets().inNamespace("again").withName("again0").get()
        .getMetadata().getUid();

    client.apps().statefulSets().inNamespace("again").withName("again0").delete();
    client.apps().statefulSets().inNamespace("again").resource(statefulSet).create();

    await(() -> pods(client, "again", "again0").stream().anyMatch(pod ->
        !pod.getMetadata().getOwnerReferences().get(0).getUid().equals(firstUid)));
    assertThat(pods(client, "again", "again0")).singleElement()
        .satisfies(pod -> assertThat(pod.getMetadata().getName()).isEqualTo("again0-0"));
  }

  private static Deployment deployment(String name, int replicas) {
    return new DeploymentBuilder()
        .withNewMetadata().withName(name).addToLabels("app", name).endMetadata()
        .withNewSpec().withReplicas(replicas)
            .withNewSelector().addToMatchLabels("app", name).endSelector()
            .withTemplate(template(name))
        .endSpec()
        .build();
  }

  private static PodTemplateSpec template(String name) {
    return new PodTemplateSpecBuilder()
        .withNewMetadata().addToLabels("app", name).addToLabels("kbuildx.dev/builder", "kube")
            .addToAnnotations("buildx.docker.com/platform", "linux/amd64").endMetadata()
        .withNewSpec().addNewContainer().withName("buildkitd").withImage("moby/buildkit:buildx-stable-1")
            .endContainer().endSpec()
        .build();
  }

  private static int readyReplicas(Deployment deployment) {
    return deployment.getStatus() == null || deployment.getStatus().getReadyReplicas() == null
        ? 0 : deployment.getStatus().getReadyReplicas();
  }

  private static List<Pod> pods(KubernetesClient client, String namespace, String app) {
    return client.pods().inNamespace(namespace).withLabel("app", app).list().getItems();
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    Await.until("the fake controller gets there", Duration.ofSeconds(10), condition);
  }
}
