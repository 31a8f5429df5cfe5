package dev.kbuildx.driver.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.kbuildx.InvalidSettingException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KubernetesOptionsBuilderTest {
  private static final String NAME_63 = "a23456789012345678901234567890123456789012345678901234567890123";

  private static KubernetesOptions options(String key, String value) {
    return new KubernetesOptionsBuilder().set(key, value).build();
  }

  private static void assertRejected(String key, String value, String reason) {
    assertRejected(() -> options(key, value), key, value, reason);
  }

  private static void assertRejected(ThrowingCallable call, String key, String value, String reason) {
    assertThatThrownBy(call).isInstanceOfSatisfying(InvalidSettingException.class, e -> {
      assertThat(e.isDriverOption()).isTrue();
      assertThat(e.setting()).isEqualTo(key);
      assertThat(e.value()).isEqualTo(value);
      assertThat(e.accepted()).contains(reason);
      assertThat(e.getMessage()).startsWith("invalid driver option " + key + " \"" + value + "\": ");
    });
  }

  @Test
  void anEmptyMapOptionClearsWhatALowerLayerSet() {
    KubernetesOptions options = new KubernetesOptionsBuilder()
        .setAll(Map.of("nodeselector", "disk=ssd", "labels", "team=a"))
        .setAll(Map.of("nodeselector", "", "labels", ""))
        .build();

    assertThat(options.nodeSelector()).isEmpty();
    assertThat(options.labels()).isEmpty();
  }

  @Test
  void aMapItemWithoutAValueIsRefused() {
    assertThatThrownBy(() -> new KubernetesOptionsBuilder().setAll(Map.of("nodeselector", "disk")).build())
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("nodeselector");
  }

  @Test
  void defaultsMatchBuildx() {
    KubernetesOptions defaults = KubernetesOptionsBuilder.defaults();
    assertThat(defaults.image()).isEqualTo("moby/buildkit:buildx-stable-1");
    assertThat(defaults.namespace()).isNull();
    assertThat(defaults.replicas()).isEqualTo(1);
    assertThat(defaults.requests()).isEqualTo(ResourceQuantities.NONE);
    assertThat(defaults.limits()).isEqualTo(ResourceQuantities.NONE);
    assertThat(defaults.nodeSelector()).isEmpty();
    assertThat(defaults.annotations()).isEmpty();
    assertThat(defaults.labels()).isEmpty();
    assertThat(defaults.tolerations()).isEmpty();
    assertThat(defaults.serviceAccount()).isNull();
    assertThat(defaults.schedulerName()).isNull();
    assertThat(defaults.timeout()).isEqualTo(Duration.ofSeconds(120));
    assertThat(defaults.rootless()).isFalse();
    assertThat(defaults.loadBalance()).isEqualTo(LoadBalance.STICKY);
    assertThat(defaults.qemuInstall()).isFalse();
    assertThat(defaults.qemuImage()).isEqualTo("tonistiigi/binfmt:latest");
    assertThat(defaults.defaultLoad()).isFalse();
    assertThat(defaults.env()).isEmpty();
    assertThat(defaults.persistentVolumeClaimStorage()).isNull();
    assertThat(defaults.rootVolumeMemory()).isNull();
    assertThat(defaults.persistent()).isFalse();
  }

  // --- image, rootless, qemu.image

  @Test
  void imageIsTaken() {
    assertThat(options("image", "registry.example/buildkit:v0.20").image()).isEqualTo("registry.example/buildkit:v0.20");
  }

  @Test
  void emptyImageKeepsDefault() {
    assertThat(options("image", "").image()).isEqualTo(KubernetesOptions.DEFAULT_IMAGE);
  }

  @ParameterizedTest
  @CsvSource({
      "true, , moby/buildkit:buildx-stable-1-rootless",
      "true, '', moby/buildkit:buildx-stable-1-rootless",
      "true, my/buildkit:1, my/buildkit:1",
      "false, , moby/buildkit:buildx-stable-1",
      "false, my/buildkit:1, my/buildkit:1",
  })
  void rootlessSwitchesDefaultImageOnlyWhenTrueAndNoImageGiven(String rootless, String image, String expected) {
    KubernetesOptionsBuilder builder = new KubernetesOptionsBuilder().set("rootless", rootless);
    if (image != null) {
      builder.set("image", image);
    }
    KubernetesOptions built = builder.build();
    assertThat(built.image()).isEqualTo(expected);
    assertThat(built.rootless()).isEqualTo(Boolean.parseBoolean(rootless));
  }

  @Test
  void qemuImageIsTakenAndEmptyKeepsDefault() {
    assertThat(options("qemu.image", "tonistiigi/binfmt:qemu-v9").qemuImage()).isEqualTo("tonistiigi/binfmt:qemu-v9");
    assertThat(options("qemu.image", "").qemuImage()).isEqualTo(KubernetesOptions.DEFAULT_QEMU_IMAGE);
  }

  // --- booleans

  @ParameterizedTest
  @CsvSource({"rootless", "qemu.install", "default-load"})
  void booleanOptionsAcceptGoSpellings(String key) {
    Function<KubernetesOptions, Boolean> read = switch (key) {
      case "rootless" -> KubernetesOptions::rootless;
      case "qemu.install" -> KubernetesOptions::qemuInstall;
      default -> KubernetesOptions::defaultLoad;
    };
    assertThat(read.apply(options(key, "true"))).isTrue();
    assertThat(read.apply(options(key, "T"))).isTrue();
    assertThat(read.apply(options(key, "1"))).isTrue();
    assertThat(read.apply(options(key, "False"))).isFalse();
    assertThat(read.apply(options(key, "0"))).isFalse();
  }

  @ParameterizedTest
  @CsvSource({"rootless, yes", "rootless, ''", "qemu.install, on", "qemu.install, tRue", "default-load, 2", "default-load, ' true'"})
  void booleanOptionsRejectOtherSpellings(String key, String value) {
    assertRejected(key, value, "1, t, T, TRUE, true, True or 0, f, F, FALSE, false, False");
  }

  // --- namespace, serviceaccount, schedulername

  @ParameterizedTest
  @ValueSource(strings = {"default", "ci-builds", "a", NAME_63})
  void namespaceAcceptsDnsLabels(String value) {
    assertThat(options("namespace", value).namespace()).isEqualTo(value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "CI", "ci_builds", "ci.builds", "-ci", "ci-", NAME_63 + "4"})
  void namespaceRejectsOtherNames(String value) {
    assertRejected("namespace", value, "a DNS-1123 label");
  }

  @ParameterizedTest
  @CsvSource({"serviceaccount, buildkit", "serviceaccount, a.b-c", "schedulername, default-scheduler", "schedulername, my.scheduler"})
  void namesAcceptDnsSubdomains(String key, String value) {
    KubernetesOptions built = options(key, value);
    assertThat(key.equals("serviceaccount") ? built.serviceAccount() : built.schedulerName()).isEqualTo(value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"serviceaccount", "schedulername"})
  void emptyNameIsUnset(String key) {
    KubernetesOptions built = new KubernetesOptionsBuilder().set(key, "x").set(key, "").build();
    assertThat(key.equals("serviceaccount") ? built.serviceAccount() : built.schedulerName()).isNull();
  }

  @ParameterizedTest
  @CsvSource({"serviceaccount, Build", "serviceaccount, a_b", "serviceaccount, a..b", "schedulername, -x", "schedulername, my scheduler"})
  void namesRejectOtherValues(String key, String value) {
    assertRejected(key, value, "a DNS-1123 subdomain");
  }

  // --- replicas

  @ParameterizedTest
  @CsvSource({"1, 1", "3, 3", "+2, 2", "007, 7", "2147483647, 2147483647"})
  void replicasAcceptsPositiveIntegers(String value, int expected) {
    assertThat(options("replicas", value).replicas()).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "abc", "1.5", " 1", "1 ", "0x2", "1e2", "\u0662"})
  void replicasRejectsNonIntegers(String value) {
    assertRejected("replicas", value, "a whole number of pods, at least 1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "-0"})
  void replicasRejectsFewerThanOne(String value) {
    assertRejected("replicas", value, "a builder without pods can never become ready");
  }

  @ParameterizedTest
  @ValueSource(strings = {"2147483648", "-2147483649", "99999999999999999999"})
  void replicasRejectsOutOfRange(String value) {
    assertRejected("replicas", value, "out of range");
  }

  // --- quantities

  @Test
  void resourceQuantitiesGoToTheirSide() {
    KubernetesOptions built = new KubernetesOptionsBuilder()
        .set("requests.cpu", "500m").set("requests.memory", "1Gi").set("requests.ephemeral-storage", "10Gi")
        .set("limits.cpu", "2").set("limits.memory", "4Gi").set("limits.ephemeral-storage", "20Gi")
        .build();
    assertThat(built.requests()).isEqualTo(new ResourceQuantities("500m", "1Gi", "10Gi"));
    assertThat(built.limits()).isEqualTo(new ResourceQuantities("2", "4Gi", "20Gi"));
  }

  @Test
  void ephemeralStorageRequestIsARequestNotALimit() {
    KubernetesOptions built = options("requests.ephemeral-storage", "5Gi");
    assertThat(built.requests().ephemeralStorage()).isEqualTo("5Gi");
    assertThat(built.limits()).isEqualTo(ResourceQuantities.NONE);
  }

  @Test
  void storageQuantities() {
    assertThat(options("persistent-volume-claim.requests.storage", "50Gi").persistentVolumeClaimStorage()).isEqualTo("50Gi");
    assertThat(options("persistent-volume-claim.requests.storage", "50Gi").persistent()).isTrue();
    assertThat(options("buildkit-root-volume-memory", "2Gi").rootVolumeMemory()).isEqualTo("2Gi");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "requests.cpu", "requests.memory", "requests.ephemeral-storage", "limits.cpu", "limits.memory",
      "limits.ephemeral-storage", "persistent-volume-claim.requests.storage", "buildkit-root-volume-memory"})
  void everyQuantityOptionValidatesAndEmptyUnsets(String key) {
    KubernetesOptions unset = new KubernetesOptionsBuilder().set(key, "1").set(key, "").build();
    assertThat(OptionDescriptions.describe(unset)).doesNotContainKey(key);
    assertThat(OptionDescriptions.describe(options(key, "1.5Gi"))).containsEntry(key, "1.5Gi");
    assertRejected(key, "lots", "500m, 2, 512Mi, 4G");
    assertRejected(key, "1GB", "500m, 2, 512Mi, 4G");
    assertRejected(key, "-1Gi", "a negative amount is not accepted");
  }

  @ParameterizedTest
  @CsvSource({"cpu, 2, 1", "memory, 2Gi, 2000Mi", "ephemeral-storage, 1G, 999M"})
  void requestAboveLimitIsRejected(String resource, String request, String limit) {
    assertRejected(() -> new KubernetesOptionsBuilder().set("requests." + resource, request).set("limits." + resource, limit).build(),
        "requests." + resource, request, "at most limits." + resource + " (\"" + limit + "\")");
  }

  @ParameterizedTest
  @CsvSource({"cpu, 1000m, 1", "memory, 1Gi, 1024Mi", "ephemeral-storage, 1G, 1Gi"})
  void requestUpToLimitIsAccepted(String resource, String request, String limit) {
    KubernetesOptions built = new KubernetesOptionsBuilder()
        .set("requests." + resource, request).set("limits." + resource, limit).build();
    assertThat(OptionDescriptions.describe(built))
        .containsEntry("requests." + resource, request).containsEntry("limits." + resource, limit);
  }

  @Test
  void persistentVolumeAndMemoryVolumeExcludeEachOther() {
    assertRejected(() -> new KubernetesOptionsBuilder()
            .set("persistent-volume-claim.requests.storage", "10Gi").set("buildkit-root-volume-memory", "1Gi").build(),
        "buildkit-root-volume-memory", "1Gi", "cannot be combined with persistent-volume-claim.requests.storage");
  }

  // --- nodeselector, annotations, labels (string form)

  @Test
  void mapOptionsParseIntoSortedMaps() {
    KubernetesOptions built = new KubernetesOptionsBuilder()
        .set("nodeselector", "kubernetes.io/os=linux,kubernetes.io/arch=amd64")
        .set("annotations", "\"example.com/note=a=b,z=\"")
        .set("labels", "team=ci,tier=")
        .build();
    assertThat(built.nodeSelector()).containsExactly(entry("kubernetes.io/arch", "amd64"), entry("kubernetes.io/os", "linux"));
    assertThat(built.annotations()).containsExactly(entry("example.com/note", "a=b"), entry("z", ""));
    assertThat(built.labels()).containsExactly(entry("team", "ci"), entry("tier", ""));
  }

  @ParameterizedTest
  @ValueSource(strings = {"nodeselector", "annotations", "labels"})
  void mapOptionReplacesEarlierValueAndEmptyClears(String key) {
    KubernetesOptionsBuilder builder = new KubernetesOptionsBuilder().set(key, "a=1,b=2").set(key, "c=3");
    assertThat(OptionDescriptions.describe(builder.build())).containsEntry(key, "c=3");
    assertThat(OptionDescriptions.describe(builder.set(key, "").build())).doesNotContainKey(key);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "nodeselector | a=1,           | an empty item",
      "nodeselector | a              | the item \"a\" is not key=value",
      "nodeselector | a b=1          | a qualified name",
      "nodeselector | a=x y          | a label value",
      "annotations  | a=1,,b=2       | an empty item",
      "annotations  | Bad.Prefix/a=1 | a qualified name",
      "annotations  | buildx.docker.com/platform=linux/amd64 | reserved",
      "annotations  | kbuildx.dev/spec={}                    | reserved",
      "labels       | =1             | is not key=value",
      "labels       | a/b/c=1        | a qualified name",
      "labels       | a=-x           | a label value",
      "labels       | app=mine       | reserved",
      "labels       | app.kubernetes.io/managed-by=me | reserved",
      "labels       | kbuildx.dev/node=n              | reserved",
  })
  void mapOptionsRejectInvalidEntries(String key, String value, String reason) {
    assertRejected(key, value, reason);
  }

  // --- typed map forms

  @Test
  void typedMapsReplaceAndAreChecked() {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("b", "2");
    entries.put("a", null);
    KubernetesOptions built = new KubernetesOptionsBuilder()
        .set("nodeselector", "x=1").setTyped(KubernetesOption.NODE_SELECTOR, entries)
        .set("annotations", "x=1").setTyped(KubernetesOption.ANNOTATIONS, Map.of("note", "any text, even = and ,"))
        .set("labels", "x=1").setTyped(KubernetesOption.LABELS, Map.of("team", "ci"))
        .build();
    assertThat(built.nodeSelector()).containsExactly(entry("a", ""), entry("b", "2"));
    assertThat(built.annotations()).containsExactly(entry("note", "any text, even = and ,"));
    assertThat(built.labels()).containsExactly(entry("team", "ci"));
  }

  @Test
  void typedMapErrorsNameTheEntry() {
    assertRejected(() -> new KubernetesOptionsBuilder().setTyped(KubernetesOption.NODE_SELECTOR, Map.of("a", "x y")), "nodeselector", "a=x y", "a label value");
    assertRejected(() -> new KubernetesOptionsBuilder().setTyped(KubernetesOption.ANNOTATIONS, Map.of("kbuildx.dev/x", "1")), "annotations", "kbuildx.dev/x=1", "reserved");
    assertRejected(() -> new KubernetesOptionsBuilder().setTyped(KubernetesOption.LABELS, Map.of("app", "x")), "labels", "app=x", "reserved");
    assertRejected(() -> new KubernetesOptionsBuilder().setTyped(KubernetesOption.LABELS, Map.of("bad key", "x")), "labels", "bad key=x", "a qualified name");
  }

  // --- env

  @Test
  void envOptionsAccumulateAndLaterWins() {
    KubernetesOptions built = new KubernetesOptionsBuilder()
        .set("env.B", "2").set("env.A", "x=y, z").set("env.B", "3").set("env.EMPTY", "").build();
    assertThat(built.env()).containsExactly(entry("A", "x=y, z"), entry("B", "3"), entry("EMPTY", ""));
  }

  @Test
  void typedEnvReplacesAll() {
    Map<String, String> variables = new TreeMap<>();
    variables.put("HTTP_PROXY", "http://proxy:3128");
    variables.put("NONE", null);
    KubernetesOptions built = new KubernetesOptionsBuilder().set("env.OLD", "1").setTyped(KubernetesOption.ENV, variables).build();
    assertThat(built.env()).containsExactly(entry("HTTP_PROXY", "http://proxy:3128"), entry("NONE", ""));
  }

  @Test
  void envWithoutNameIsRejected() {
    assertRejected("env.", "bar", "the variable name is missing; accepted: env.<NAME>=value");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1X", "A B", "A=B", "A$", "..", "."})
  void envWithInvalidNameIsRejected(String name) {
    assertRejected("env." + name, "v", "an environment variable name");
    assertRejected(() -> new KubernetesOptionsBuilder().setTyped(KubernetesOption.ENV, Map.of(name, "v")), "env." + name, "v", "an environment variable name");
  }

  // --- tolerations

  @Test
  void tolerationsStringForm() {
    assertThat(options("tolerations", "key=dedicated,operator=equal,value=ci,effect=noschedule;operator=exists").tolerations())
        .containsExactly(
            new TolerationSpec("dedicated", "Equal", "ci", "NoSchedule", null),
            new TolerationSpec(null, "Exists", null, null, null));
  }

  @Test
  void tolerationsTypedFormIsNormalisedAndReplaces() {
    KubernetesOptions built = new KubernetesOptionsBuilder()
        .set("tolerations", "operator=Exists")
        .setTyped(KubernetesOption.TOLERATIONS, List.of(new TolerationSpec("k", "exists", null, "noexecute", 30L)))
        .build();
    assertThat(built.tolerations()).containsExactly(new TolerationSpec("k", "Exists", null, "NoExecute", 30L));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "key=a;           | an empty toleration",
      "key=a,NoExecute  | is not field=value",
      "key=a,colour=red | unknown field \"colour\"",
      "key=a,operator=Like | operator \"Like\" is not accepted",
      "key=a,effect=Never  | effect \"Never\" is not accepted",
      "operator=Exists,value=x | a value is not accepted",
      "value=x          | needs operator=Exists",
      "key=a,tolerationSeconds=5 | only applies to effect=NoExecute",
  })
  void tolerationsRejectInvalidForms(String value, String reason) {
    assertRejected("tolerations", value, reason);
  }

  @Test
  void typedTolerationErrorShowsTheToleration() {
    assertRejected(() -> new KubernetesOptionsBuilder().setTyped(KubernetesOption.TOLERATIONS, List.of(new TolerationSpec(null, null, "v", null, null))),
        "tolerations", "value=v", "needs operator=Exists");
  }

  // --- loadbalance

  @ParameterizedTest
  @CsvSource({"sticky, STICKY", "random, RANDOM"})
  void loadBalanceAcceptsBuildxValues(String value, LoadBalance expected) {
    assertThat(options("loadbalance", value).loadBalance()).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Sticky", "RANDOM", "round-robin"})
  void loadBalanceRejectsOtherValues(String value) {
    assertRejected("loadbalance", value, "accepted: sticky or random");
  }

  // --- timeout

  @ParameterizedTest
  @CsvSource({"2m, 120", "90s, 90", "1h30m, 5400", "1.5h, 5400", "+10m, 600"})
  void timeoutAcceptsGoDurations(String value, long seconds) {
    assertThat(options("timeout", value).timeout()).isEqualTo(Duration.ofSeconds(seconds));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "0s", "-1m", "-0"})
  void timeoutRejectsNoWaitSuggestingTheBootstrapSwitch(String value) {
    assertRejected("timeout", value, "-Dkbuildx.bootstrap=false");
  }

  @Test
  void timeoutWithoutUnitIsRejected() {
    assertRejected("timeout", "300", "the unit is missing");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "soon", "5 m", "1d"})
  void timeoutRejectsOtherText(String value) {
    assertRejected("timeout", value, "for example 90s, 2m, 1h30m or 1.5h");
  }

  // --- keys, order, immutability

  @ParameterizedTest
  @ValueSource(strings = {"network", "b", "allow-untrusted-image", "Replicas", "", "env", "requests.storage"})
  void unknownKeysListTheAcceptedOnes(String key) {
    assertRejected(key, "x", "unknown option of the kubernetes driver; accepted: annotations, buildkit-root-volume-memory,"
        + " containerd.buildkit-root, containerd.root, containerd.socket, default-load, env.<NAME>, image, labels, limits.cpu, limits.ephemeral-storage, limits.memory, loadbalance,"
        + " namespace, nodeselector, persistent-volume-claim.requests.storage, qemu.image, qemu.install, replicas,"
        + " requests.cpu, requests.ephemeral-storage, requests.memory, rootless, schedulername, serviceaccount,"
        + " timeout, tolerations, worker");
  }

  @Test
  void acceptedKeysAreSortedAndEachIsAcceptedAndDescribedAsGiven() {
    assertThat(keys()).isSorted().doesNotHaveDuplicates();
    Map<String, String> sample = Map.ofEntries(
        entry("annotations", "a=1"), entry("buildkit-root-volume-memory", "1Gi"), entry("default-load", "true"),
        entry("env.<NAME>", "v"), entry("image", "i"), entry("labels", "a=1"), entry("limits.cpu", "1"),
        entry("limits.ephemeral-storage", "1Gi"), entry("limits.memory", "1Gi"), entry("loadbalance", "random"),
        entry("namespace", "ns"), entry("nodeselector", "a=1"), entry("persistent-volume-claim.requests.storage", "1Gi"),
        entry("qemu.image", "q"), entry("qemu.install", "true"), entry("replicas", "2"), entry("requests.cpu", "1"),
        entry("requests.ephemeral-storage", "1Gi"), entry("requests.memory", "1Gi"), entry("rootless", "true"),
        entry("schedulername", "s"), entry("serviceaccount", "sa"), entry("timeout", "1m0s"),
        entry("tolerations", "operator=Exists"), entry("worker", "containerd"),
        entry("containerd.socket", "/run/k3s/containerd/containerd.sock"), entry("containerd.root", "/var/lib/c"),
        entry("containerd.buildkit-root", "/var/lib/b"));
    assertThat(sample.keySet()).containsExactlyInAnyOrderElementsOf(keys());
    sample.forEach((key, value) -> {
      String concreteKey = key.replace("<NAME>", "NAME");
      KubernetesOptionsBuilder options = new KubernetesOptionsBuilder().set(concreteKey, value);
      if (concreteKey.startsWith("containerd.")) {
        options.set("worker", "containerd");
      }
      assertThat(OptionDescriptions.describe(options.build())).containsEntry(concreteKey, value);
    });
  }

  @Test
  void setAllAppliesInOrder() {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("replicas", "2");
    options.put("namespace", "ci");
    KubernetesOptions built = new KubernetesOptionsBuilder().set("replicas", "5").setAll(options).build();
    assertThat(built.replicas()).isEqualTo(2);
    assertThat(built.namespace()).isEqualTo("ci");
  }

  @Test
  void setAllStopsAtTheFirstInvalidOption() {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("replicas", "x");
    options.put("namespace", "BAD");
    assertRejected(() -> new KubernetesOptionsBuilder().setAll(options), "replicas", "x", "a whole number");
  }

  @Test
  void builtOptionsAreImmutableAndDetachedFromTheBuilder() {
    KubernetesOptionsBuilder builder = new KubernetesOptionsBuilder()
        .set("labels", "a=1").set("annotations", "a=1").set("nodeselector", "a=1").set("env.A", "1")
        .set("tolerations", "operator=Exists");
    KubernetesOptions built = builder.build();
    builder.set("env.B", "2");
    assertThat(built.env()).containsOnlyKeys("A");
    assertThatThrownBy(() -> built.labels().put("b", "2")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> built.annotations().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> built.nodeSelector().remove("a")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> built.env().put("C", "3")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> built.tolerations().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  private static List<String> keys() {
    return KubernetesOption.ALL.stream().map(KubernetesOption::key).toList();
  }
}
