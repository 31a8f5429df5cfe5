package dev.kbuildx.driver.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.buildkit.BuildkitdConfig;
import dev.kbuildx.platform.Platform;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Compares rendered nodes with the YAML files under {@code src/test/resources/golden}. Run with
 * {@code -Dgolden.update=true} to rewrite them after an intended change, then review the diff.
 */
class WorkloadRendererTest {
  private static final Path GOLDEN =
      Path.of(System.getProperty("basedir", ""), "src", "test", "resources", "golden");
  private static final String TOML = "debug = true\n";
  private static final String CERTS_TOML = """
      [registry."registry.local:5000"]
        ca = ["/etc/buildkit/certs/registry.local_5000/ca.pem"]
      [[registry."registry.local:5000".keypair]]
        key = "/etc/buildkit/certs/registry.local_5000/client.key"
        cert = "/etc/buildkit/certs/registry.local_5000/client.pem"
      [registry."mirror.example.com"]
        ca = ["/etc/buildkit/certs/mirror.example.com/ca.pem"]
      """;

  @Test
  void defaultsMatchBuildxRendering() throws IOException {
    RenderedNode rendered = render("kube", node("kube0", defaults(), "linux/amd64"), "builds");

    assertGolden("defaults", rendered);
    Deployment deployment = (Deployment) rendered.workload();
    assertThat(deployment.getSpec().getSelector().getMatchLabels()).containsExactly(Map.entry("app", "kube0"));
    assertThat(rendered.configMaps()).isEmpty();
  }

  @Test
  void rendersResourcesSchedulingEnvLabelsAndAnnotations() throws IOException {
    KubernetesOptions options = new KubernetesOptionsBuilder()
        .set("replicas", "3")
        .set("requests.cpu", "500m")
        .set("requests.memory", "1Gi")
        .set("requests.ephemeral-storage", "2Gi")
        .set("limits.cpu", "2")
        .set("limits.memory", "4Gi")
        .set("limits.ephemeral-storage", "10Gi")
        .set("nodeselector", "kubernetes.io/arch=amd64,disktype=ssd")
        .set("annotations", "team.example.com/owner=ci")
        .set("labels", "tier=build,team=platform")
        .set("tolerations", "key=dedicated,operator=Equal,value=builds,effect=NoSchedule;"
            + "key=node.kubernetes.io/unreachable,operator=Exists,effect=NoExecute,tolerationSeconds=300")
        .set("serviceaccount", "buildkit")
        .set("schedulername", "custom-scheduler")
        .set("env.ZZ_LAST", "z")
        .set("env.AA_FIRST", "a")
        .build();

    RenderedNode rendered = render("kube", node("amd", options, "linux/amd64,linux/arm64"), "builds");

    assertGolden("options", rendered);
    Deployment deployment = (Deployment) rendered.workload();
    assertThat(deployment.getSpec().getSelector().getMatchLabels()).containsExactly(Map.entry("app", "amd"));
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("team", "platform");
    assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getRequests())
        .containsKey("ephemeral-storage");
  }

  @Test
  void rendersRootless() throws IOException {
    assertGolden("rootless", render("kube", node("kube0", options("rootless", "true"), ""), "builds"));
  }

  /**
   * The node's containerd socket and root and the FIFO directory at their node paths, BuildKit's
   * state shared both ways in a directory per namespace and node, a privileged container, and
   * Recreate, since the new pod of a rolling update could not lock the state beside the old one.
   */
  @Test
  void rendersTheContainerdWorker() throws IOException {
    KubernetesOptions options = options("worker", "containerd", "containerd.socket",
        "/run/k3s/containerd/containerd.sock", "containerd.root", "/var/lib/rancher/k3s/agent/containerd");
    RenderedNode rendered = render("kube", node("kube0", options, "linux/amd64"), "builds");
    assertGolden("containerd", rendered);
    PodTemplateSpec template = template(rendered);
    assertThat(template.getSpec().getContainers().get(0).getArgs()).contains(
        "--oci-worker=false", "--containerd-worker=true",
        "--containerd-worker-addr=/run/k3s/containerd/containerd.sock", "--containerd-worker-namespace=k8s.io",
        "--root=/var/lib/buildkit/$(KBUILDX_NAMESPACE)/kube0");
    assertThat(((Deployment) rendered.workload()).getSpec().getStrategy().getType()).isEqualTo("Recreate");
  }

  @Test
  void theUsersWorkerFlagsAndTmpdirWin() {
    KubernetesOptions options = options("worker", "containerd", "env.TMPDIR", "/scratch");
    NodeSpec node = new NodeSpec("kube0", List.of(), options, List.of("--root=/var/lib/buildkit/mine"),
        BuildkitdConfig.NONE);
    Container buildkitd = template(render("kube", node, null)).getSpec().getContainers().get(0);
    assertThat(buildkitd.getArgs()).containsOnlyOnce("--root=/var/lib/buildkit/mine")
        .noneMatch(arg -> arg.startsWith("--root=/var/lib/buildkit/$("));
    assertThat(buildkitd.getEnv()).filteredOn(env -> env.getName().equals("TMPDIR")).singleElement()
        .extracting(EnvVar::getValue).isEqualTo("/scratch");
  }

  @Test
  void rendersRootlessWithMemoryBackedState() throws IOException {
    KubernetesOptions options = options("rootless", "true", "buildkit-root-volume-memory", "2Gi");

    assertGolden("rootless-memory", render("kube", node("kube0", options, ""), "builds"));
  }

  @Test
  void rendersMemoryBackedStateForRootfulNodes() throws IOException {
    KubernetesOptions options = options("buildkit-root-volume-memory", "4Gi");

    assertGolden("root-volume-memory", render("kube", node("kube0", options, ""), "builds"));
  }

  @Test
  void rendersQemuInitContainer() throws IOException {
    KubernetesOptions options = options("qemu.install", "true", "qemu.image", "tonistiigi/binfmt:qemu-v8");

    assertGolden("qemu", render("kube", node("kube0", options, "linux/amd64,linux/arm64"), "builds"));
  }

  @Test
  void persistentNodeKeepsConfigMountsNextToItsClaim() throws IOException {
    BuildkitdConfig config = config(Map.of("buildkitd.toml", TOML));
    RenderedNode rendered = render("kube", node("kube0", persistent(), "linux/amd64", config), "builds");

    assertGolden("persistent-config", rendered);
    StatefulSet statefulSet = (StatefulSet) rendered.workload();
    assertThat(statefulSet.getSpec().getTemplate().getSpec().getContainers().get(0).getVolumeMounts())
        .extracting(m -> m.getName() + ":" + m.getMountPath())
        .containsExactly("config:/etc/buildkit", "buildkitd:/var/lib/buildkit");
    assertThat(statefulSet.getSpec().getVolumeClaimTemplates().get(0).getMetadata().getLabels())
        .containsEntry(BuilderLabels.BUILDER, "kube")
        .containsEntry(BuilderLabels.NODE, "kube0");
  }

  @Test
  void persistentRootlessNodeMountsItsClaimAndReadsTheMountedConfig() throws IOException {
    KubernetesOptions options = options("rootless", "true", "persistent-volume-claim.requests.storage", "20Gi");
    BuildkitdConfig config = config(Map.of("buildkitd.toml", TOML));
    RenderedNode rendered = render("kube", node("kube0", options, "", config), "builds");

    assertGolden("persistent-rootless", rendered);
    StatefulSet statefulSet = (StatefulSet) rendered.workload();
    assertThat(statefulSet.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
        .endsWith("--oci-worker-no-process-sandbox", "--config=/etc/buildkit/buildkitd.toml");
    assertThat(statefulSet.getSpec().getTemplate().getSpec().getVolumes()).extracting(v -> v.getName())
        .containsExactly("config");
  }

  @Test
  void rendersOneConfigMapPerDirectoryInSortedOrder() throws IOException {
    BuildkitdConfig config = config(Map.of(
        "buildkitd.toml", CERTS_TOML,
        "certs/registry.local_5000/ca.pem", "registry ca\n",
        "certs/registry.local_5000/client.key", "client key\n",
        "certs/registry.local_5000/client.pem", "client cert\n",
        "certs/mirror.example.com/ca.pem", "mirror ca\n"));
    RenderedNode rendered = render("kube", node("kube0", defaults(), "linux/amd64", config), "builds");

    assertGolden("config-certs", rendered);
    assertThat(rendered.configMaps()).extracting(c -> c.getMetadata().getName())
        .containsExactly("kube0-config", "kube0-config-1", "kube0-config-2");
    assertThat(rendered.configMaps().get(1).getData()).containsOnlyKeys("ca.pem");
    assertThat(rendered.configMaps()).allSatisfy(c -> assertThat(c.getMetadata().getLabels())
        .containsEntry(BuilderLabels.MANAGED_BY, BuilderLabels.MANAGED_BY_VALUE)
        .containsEntry(BuilderLabels.BUILDER, "kube")
        .containsEntry(BuilderLabels.NODE, "kube0"));
  }

  @Test
  void specDigestsConfigFilesInsteadOfQuotingThem() {
    BuildkitdConfig config = config(Map.of("buildkitd.toml", TOML));
    RenderedNode rendered = render("kube", node("kube0", defaults(), "linux/amd64", config), "builds");

    assertThat(rendered.spec())
        .containsEntry("platforms", "linux/amd64")
        .containsEntry("buildkitd-flags", "--allow-insecure-entitlement=network.host")
        .containsEntry("config.buildkitd.toml", SpecHash.sha256(TOML));
    assertThat(rendered.workload().getMetadata().getAnnotations())
        .containsEntry(BuilderLabels.SPEC, Serialization.asJson(rendered.spec()))
        .containsEntry(BuilderLabels.SPEC_HASH, SpecHash.of(rendered.spec()))
        .doesNotContainValue(TOML);
  }

  @Test
  void anyDeclaredChangeChangesTheHashOnThePodTemplate() {
    RenderedNode before = render("kube", node("kube0", defaults(), "linux/amd64"), "builds");
    RenderedNode after = render("kube", node("kube0", defaults(), "linux/amd64,linux/arm64"), "builds");

    assertThat(after.specHash()).isNotEqualTo(before.specHash());
    assertThat(template(after).getMetadata().getAnnotations())
        .containsEntry(BuilderLabels.SPEC_HASH, after.specHash());
    assertThat(render("kube", node("kube0", defaults(), "linux/amd64"), "other").specHash())
        .isEqualTo(before.specHash());
  }

  @Test
  void leavesTheNamespaceOutForDryRuns() {
    BuildkitdConfig config = config(Map.of("buildkitd.toml", TOML));
    RenderedNode rendered = render("kube", node("kube0", defaults(), "", config), null);

    assertThat(rendered.workload().getMetadata().getNamespace()).isNull();
    assertThat(rendered.configMaps()).extracting(c -> c.getMetadata().getNamespace()).containsOnlyNulls();
    assertThat(rendered.workload().getMetadata().getAnnotations())
        .containsEntry(BuilderLabels.PLATFORMS, "")
        .doesNotContainKey(BuilderLabels.BUILDX_PLATFORM);
  }

  @Test
  void derivesTheObjectNameFromTheNodeName() {
    RenderedNode rendered = render("kube", node("build_amd64", defaults(), ""), "builds");

    assertThat(rendered.workload().getMetadata().getName()).isEqualTo("build-amd64");
    assertThat(rendered.workload().getMetadata().getLabels())
        .containsEntry(BuilderLabels.APP, "build-amd64")
        .containsEntry(BuilderLabels.NODE, "build_amd64");
  }

  @Test
  void rejectsStatefulSetNamesTheControllerCannotLabel() {
    String name = "n" + "x".repeat(52);

    assertThatThrownBy(() -> render("kube", node(name, persistent(), ""), "builds"))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
          assertThat(e.setting()).isEqualTo("node");
          assertThat(e.value()).isEqualTo(name);
          assertThat(e.accepted()).contains("at most 52 characters");
        });
    assertThat(render("kube", node(name.substring(1), persistent(), ""), "builds").workload())
        .isInstanceOf(StatefulSet.class);
  }

  private static RenderedNode render(String builder, NodeSpec node, String namespace) {
    return WorkloadRenderer.render(builder, node, namespace);
  }

  private static PodTemplateSpec template(RenderedNode rendered) {
    return ((Deployment) rendered.workload()).getSpec().getTemplate();
  }

  private static NodeSpec node(String name, KubernetesOptions options, String platforms) {
    return node(name, options, platforms, BuildkitdConfig.NONE);
  }

  private static NodeSpec node(String name, KubernetesOptions options, String platforms, BuildkitdConfig config) {
    List<String> flags = BuildkitdFlags.resolve(null, config, options.rootless());
    return new NodeSpec(name, Platform.parseList(platforms, "platforms"), options, flags, config);
  }

  private static BuildkitdConfig config(Map<String, String> files) {
    return new BuildkitdConfig(new TreeMap<>(files), false);
  }

  private static KubernetesOptions defaults() {
    return KubernetesOptionsBuilder.defaults();
  }

  private static KubernetesOptions persistent() {
    return options("persistent-volume-claim.requests.storage", "20Gi");
  }

  private static KubernetesOptions options(String... keysAndValues) {
    KubernetesOptionsBuilder options = new KubernetesOptionsBuilder();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      options.set(keysAndValues[i], keysAndValues[i + 1]);
    }
    return options.build();
  }

  /**
   * ConfigMaps first, then the workload, as one multi-document YAML; the file must also read back
   * through fabric8 as the same objects, so that the quoting never changes a value.
   */
  private static void assertGolden(String scenario, RenderedNode rendered) throws IOException {
    List<HasMetadata> objects = new ArrayList<>(rendered.configMaps());
    objects.add(rendered.workload());
    StringBuilder yaml = new StringBuilder();
    objects.forEach(object -> yaml.append(KubectlYaml.document(object)));
    Path file = GOLDEN.resolve(scenario + ".yaml");
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(GOLDEN);
      Files.writeString(file, yaml, StandardCharsets.UTF_8);
    }
    String golden = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(yaml.toString()).isEqualTo(golden);
    assertThat(ReadBack.parse(golden)).isEqualTo(ReadBack.trees(objects));
  }
}
