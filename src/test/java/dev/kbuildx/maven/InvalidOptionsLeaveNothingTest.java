package dev.kbuildx.maven;

import static dev.kbuildx.maven.MavenConfigs.configure;
import static dev.kbuildx.maven.MavenConfigs.xml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.driver.kubernetes.BuilderSpec;
import dev.kbuildx.driver.kubernetes.ClusterAccess;
import dev.kbuildx.driver.kubernetes.KubernetesBuilders;
import dev.kbuildx.progress.CollectingLog;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every invalid setting must fail with a message that names the option, the value and where it is
 * set, before anything reaches the cluster: {@code create} runs exactly as {@link CreateMojo} does.
 */
@EnableKubernetesMockClient(crud = true)
class InvalidOptionsLeaveNothingTest {
  KubernetesClient client;

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidDeclarations")
  void failsNamingTheOptionAndCreatesNothing(String description, Supplier<BuilderDeclaration> declaration,
      String setting, String value) {
    assertThatThrownBy(() -> create(declaration))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
          assertThat(e.setting()).isEqualTo(setting);
          String message = SettingLocations.message(e);
          assertThat(message).contains(setting, "\"" + value + "\"").containsAnyOf("It is set by", "are set by");
          if (e.isDriverOption()) {
            assertThat(message).containsAnyOf("-Dkbuildx.driver." + setting, "-Dkbuildx.driver.<option>");
          }
        });

    assertThat(client.apps().deployments().inAnyNamespace().list().getItems()).isEmpty();
    assertThat(client.apps().statefulSets().inAnyNamespace().list().getItems()).isEmpty();
    assertThat(client.configMaps().inAnyNamespace().list().getItems()).isEmpty();
  }

  /** What {@code CreateMojo.run()} does without a dry run. */
  private void create(Supplier<BuilderDeclaration> declaration) {
    BuilderSpec spec = declaration.get().toCreate();
    new KubernetesBuilders(ClusterAccess.of(client), new CollectingLog()).create(spec, null, false);
  }

  static Stream<Arguments> invalidDeclarations() {
    List<Arguments> cases = new ArrayList<>();
    // -Dkbuildx.driver.<key>=<value>, one or more invalid forms per option.
    String[][] properties = {
        {"replicas", "0"}, {"replicas", "-1"}, {"replicas", "two"}, {"replicas", "1.5"}, {"replicas", "99999999999"},
        {"requests.cpu", "lots"}, {"requests.cpu", "-1"}, {"requests.memory", "1GB"},
        {"requests.ephemeral-storage", "ten"}, {"limits.cpu", "1.2.3"}, {"limits.memory", "abc"},
        {"limits.ephemeral-storage", "1x"}, {"persistent-volume-claim.requests.storage", "big"},
        {"buildkit-root-volume-memory", "huge"},
        {"rootless", "yes"}, {"qemu.install", "on"}, {"default-load", "maybe"},
        {"loadbalance", "Random"}, {"loadbalance", "round-robin"},
        {"timeout", "10"}, {"timeout", "0s"}, {"timeout", "-5s"}, {"timeout", "1fortnight"},
        {"namespace", "Bad_NS"}, {"namespace", "-ci"}, {"namespace", ""},
        {"serviceaccount", "Bad Account"}, {"schedulername", "UPPER"},
        {"nodeselector", "novalue"}, {"nodeselector", "kubernetes.io/arch=arm 64"},
        {"labels", "kbuildx.dev/builder=x"}, {"labels", "bad key!=x"}, {"annotations", "=x"},
        {"tolerations", "key=a,operator=Sometimes"}, {"tolerations", "key=a,effect=Never"},
        {"tolerations", "key=a,effect=NoExecute,tolerationSeconds=soon"}, {"tolerations", "operator=Equal"},
        {"env.1BAD", "x"}, {"env.A B", "x"}, {"env...", "x"}, {"env.", "x"}, {"replica", "2"}};
    for (String[] property : properties) {
      cases.add(arguments("-Dkbuildx.driver." + property[0] + "=" + property[1],
          declaration(null, null, null, null, Map.of(property[0], property[1])), property[0], property[1]));
    }

    // Options that are fine alone but not together.
    cases.add(arguments("request above its limit",
        declaration(null, null, null, "requests.cpu=2,limits.cpu=1", Map.of()), "requests.cpu", "2"));
    cases.add(arguments("claim and memory volume together",
        declaration(null, null, null, "persistent-volume-claim.requests.storage=10Gi", Map.of(
            "buildkit-root-volume-memory", "1Gi")), "buildkit-root-volume-memory", "1Gi"));

    // buildx's CSV, at the top level and on a node.
    cases.add(arguments("<driverOpts> replicas=abc",
        declaration(null, null, null, "namespace=ci,replicas=abc", Map.of()), "replicas", "abc"));
    cases.add(arguments("<driverOpts> with a field without '='",
        declaration(null, null, null, "replicas", Map.of()), "driverOpts", "replicas"));
    cases.add(arguments("<driverOpts> with an unclosed quote",
        declaration(null, null, null, "\"nodeselector=a=1,b=2", Map.of()), "driverOpts", "\"nodeselector=a=1,b=2"));
    cases.add(arguments("<driverOpts> nodeselector entry without '='",
        declaration(null, null, null, "\"nodeselector=a=1,b\"", Map.of()), "nodeselector", "a=1,b"));
    cases.add(arguments("node <driverOpts> rootless=maybe",
        declared(node("name", "n", "driverOpts", "rootless=maybe")), "rootless", "maybe"));

    // Typed XML under a node's <driver>.
    cases.add(arguments("<driver><replicas>x", typed("<replicas>x</replicas>"), "replicas", "x"));
    cases.add(arguments("<driver><requests><cpu>lots",
        typed("<requests><cpu>lots</cpu></requests>"), "requests.cpu", "lots"));
    cases.add(arguments("<driver><limits><ephemeralStorage>1x",
        typed("<limits><ephemeralStorage>1x</ephemeralStorage></limits>"), "limits.ephemeral-storage", "1x"));
    cases.add(arguments("<driver><qemu><install>sometimes",
        typed("<qemu><install>sometimes</install></qemu>"), "qemu.install", "sometimes"));
    cases.add(arguments("<driver><timeout>forever", typed("<timeout>forever</timeout>"), "timeout", "forever"));
    cases.add(arguments("<driver><loadBalance>RANDOM", typed("<loadBalance>RANDOM</loadBalance>"), "loadbalance", "RANDOM"));
    cases.add(arguments("<driver><nodeSelector> with a bad value",
        typed("<nodeSelector><property><name>kubernetes.io/arch</name><value>arm 64</value></property></nodeSelector>"), "nodeselector", "kubernetes.io/arch=arm 64"));
    cases.add(arguments("<driver><labels> with a reserved key",
        typed("<labels><app>x</app></labels>"), "labels", "app=x"));
    cases.add(arguments("<driver><env> with a bad name", typed("<env><property><name>1X</name><value>y</value></property></env>"), "env.1X", "y"));
    cases.add(arguments("<driver><tolerations> with tolerationSeconds soon",
        typed("<tolerations><toleration><key>a</key><tolerationSeconds>soon</tolerationSeconds></toleration></tolerations>"),
        "tolerations", "soon"));
    cases.add(arguments("<driver><tolerations> with operator Maybe",
        typed("<tolerations><toleration><key>a</key><operator>Maybe</operator></toleration></tolerations>"),
        "tolerations", "Maybe"));

    // Builder, node and platform settings.
    cases.add(arguments("builder name starting with a digit", declaration("9lives", null, null, null, Map.of()),
        "builder", "9lives"));
    cases.add(arguments("builder named default", declaration("default", null, null, null, Map.of()),
        "builder", "default"));
    cases.add(arguments("node name ending with '-'", declaration(null, "node-", null, null, Map.of()), "node", "node-"));
    cases.add(arguments("declared node name with a space", declared(node("name", "my node")), "node", "my node"));
    cases.add(arguments("platform linux/", declaration(null, null, "linux/", null, Map.of()), "nodePlatforms", "linux/"));
    cases.add(arguments("platform a/b/c/d", declared(node("platforms", List.of("linux/amd64", "a/b/c/d"))),
        "nodePlatforms", "a/b/c/d"));
    cases.add(arguments("platform on two nodes", declared(
        node("name", "a", "platforms", List.of("linux/arm64")), node("name", "b", "platforms", List.of("aarch64"))),
        "nodePlatforms", "linux/arm64"));
    cases.add(arguments("duplicate node names", declared(node("name", "a"), node("name", "A")), "node", "A"));
    cases.add(arguments("-Dkbuildx.nodePlatforms with two declared nodes",
        declared(List.of(node("name", "a"), node("name", "b")), null, "linux/amd64"), "nodePlatforms", "linux/amd64"));
    cases.add(arguments("undeclared node selected",
        declared(List.of(node("name", "a")), "b", null), "node", "b"));
    // Found only while rendering: the valid first node must not be applied either.
    String longName = "n" + "x".repeat(55);
    cases.add(arguments("persistent node whose StatefulSet name is too long", declared(
        node("name", "fine", "platforms", List.of("linux/amd64")),
        node("name", longName, "driverOpts", "persistent-volume-claim.requests.storage=1Gi")), "node", longName));
    cases.add(arguments("second declared node invalid", declared(
        node("name", "fine"), node("name", "bad", "driverOpts", "replicas=0")), "replicas", "0"));
    return cases.stream();
  }

  private static Supplier<BuilderDeclaration> declaration(String builder, String node, String platforms,
      String driverOpts, Map<String, String> driverProperties) {
    return () -> new BuilderDeclaration(builder == null ? "kube" : builder, null, node, platforms, driverOpts,
        driverProperties, null, null, UnaryOperator.identity());
  }

  private static Supplier<BuilderDeclaration> declared(NodeConfig... nodes) {
    return declared(List.of(nodes), null, null);
  }

  private static Supplier<BuilderDeclaration> declared(List<NodeConfig> nodes, String node, String platforms) {
    return () -> new BuilderDeclaration("kube", nodes, node, platforms, null, Map.of(), null, null, UnaryOperator.identity());
  }

  private static Supplier<BuilderDeclaration> typed(String elements) {
    return declared(node("name", "n", "driver", xml("<driver>" + elements + "</driver>")));
  }

  private static NodeConfig node(Object... namesAndValues) {
    return configure(NodeConfig.class, namesAndValues);
  }
}
