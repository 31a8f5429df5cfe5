package dev.kbuildx.driver.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

class OptionDescriptionsTest {

  @Test
  void describesDefaults() {
    assertThat(OptionDescriptions.describe(KubernetesOptionsBuilder.defaults())).containsExactly(
        entry("default-load", "false"),
        entry("image", "moby/buildkit:buildx-stable-1"),
        entry("loadbalance", "sticky"),
        entry("qemu.image", "tonistiigi/binfmt:latest"),
        entry("qemu.install", "false"),
        entry("replicas", "1"),
        entry("rootless", "false"),
        entry("timeout", "2m0s"));
  }

  @Test
  void describesEverySetOption() {
    KubernetesOptions options = new KubernetesOptionsBuilder()
        .set("image", "my/buildkit:1")
        .set("namespace", "ci")
        .set("replicas", "3")
        .set("requests.cpu", "500m").set("requests.memory", "1Gi").set("requests.ephemeral-storage", "5Gi")
        .set("limits.cpu", "2").set("limits.memory", "4Gi").set("limits.ephemeral-storage", "10Gi")
        .set("nodeselector", "kubernetes.io/os=linux,kubernetes.io/arch=arm64")
        .set("annotations", "z=1,a=2")
        .set("labels", "team=ci")
        .set("tolerations", "key=k,operator=equal,value=v,effect=noschedule;operator=exists")
        .set("serviceaccount", "builder")
        .set("schedulername", "my-scheduler")
        .set("timeout", "90m")
        .set("rootless", "1")
        .set("loadbalance", "random")
        .set("qemu.install", "T")
        .set("qemu.image", "my/binfmt:1")
        .set("default-load", "TRUE")
        .set("env.FOO", "bar")
        .set("persistent-volume-claim.requests.storage", "50Gi")
        .build();
    assertThat(OptionDescriptions.describe(options)).containsExactly(
        entry("annotations", "a=2,z=1"),
        entry("default-load", "true"),
        entry("env.FOO", "bar"),
        entry("image", "my/buildkit:1"),
        entry("labels", "team=ci"),
        entry("limits.cpu", "2"),
        entry("limits.ephemeral-storage", "10Gi"),
        entry("limits.memory", "4Gi"),
        entry("loadbalance", "random"),
        entry("namespace", "ci"),
        entry("nodeselector", "kubernetes.io/arch=arm64,kubernetes.io/os=linux"),
        entry("persistent-volume-claim.requests.storage", "50Gi"),
        entry("qemu.image", "my/binfmt:1"),
        entry("qemu.install", "true"),
        entry("replicas", "3"),
        entry("requests.cpu", "500m"),
        entry("requests.ephemeral-storage", "5Gi"),
        entry("requests.memory", "1Gi"),
        entry("rootless", "true"),
        entry("schedulername", "my-scheduler"),
        entry("serviceaccount", "builder"),
        entry("timeout", "1h30m0s"),
        entry("tolerations", "key=k,operator=Equal,value=v,effect=NoSchedule;operator=Exists"));
  }

  @Test
  void describesRootVolumeMemory() {
    KubernetesOptions options = new KubernetesOptionsBuilder().set("buildkit-root-volume-memory", "2Gi").build();
    assertThat(OptionDescriptions.describe(options)).containsEntry("buildkit-root-volume-memory", "2Gi");
  }

  @Test
  void reparsingTheDescriptionGivesEqualOptions() {
    KubernetesOptions options = new KubernetesOptionsBuilder()
        .set("namespace", "ci").set("replicas", "2").set("rootless", "true")
        .set("requests.memory", "1Gi").set("limits.memory", "2Gi")
        .set("labels", "b=2,a=1").set("annotations", "note=x=y").set("nodeselector", "kubernetes.io/arch=amd64")
        .set("buildkit-root-volume-memory", "1Gi")
        .set("timeout", "1.5s").set("env.A", "1")
        .setTyped(KubernetesOption.TOLERATIONS, List.of(new TolerationSpec("k", "exists", null, "noexecute", 10L)))
        .build();
    SortedMap<String, String> described = OptionDescriptions.describe(options);
    KubernetesOptions reparsed = new KubernetesOptionsBuilder().setAll(described).build();
    assertThat(reparsed).isEqualTo(options);
    assertThat(OptionDescriptions.describe(reparsed)).isEqualTo(described);
  }

  @Test
  void equalOptionsGiveEqualDescriptionsWhateverTheInputOrder() {
    KubernetesOptions first = new KubernetesOptionsBuilder().setTyped(KubernetesOption.LABELS, Map.of("a", "1", "b", "2")).set("env.X", "1").set("env.Y", "2").build();
    KubernetesOptions second = new KubernetesOptionsBuilder().set("env.Y", "2").set("labels", "b=2,a=1").set("env.X", "1").build();
    assertThat(OptionDescriptions.describe(first)).isEqualTo(OptionDescriptions.describe(second));
  }
}
