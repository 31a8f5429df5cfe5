package dev.kbuildx.maven;

import static dev.kbuildx.maven.MavenConfigs.configure;
import static dev.kbuildx.maven.MavenConfigs.xml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.driver.kubernetes.BuilderSpec;
import dev.kbuildx.driver.kubernetes.NodeSpec;
import dev.kbuildx.platform.Platform;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.codehaus.plexus.configuration.PlexusConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuilderDeclarationTest {
  private static final String NETWORK_HOST = "--allow-insecure-entitlement=network.host";

  @TempDir
  Path folder;

  @Test
  void withoutDeclaredNodesCreatesOneNodeFromTheCommandLine() {
    BuilderSpec spec = new BuilderDeclaration("Kube", null, null, "linux/amd64,linux/x86_64", "replicas=2",
        Map.of("timeout", "30s"), null, null, UnaryOperator.identity()).toCreate();

    assertThat(spec.name()).isEqualTo("kube");
    assertThat(spec.nodes()).singleElement().satisfies(node -> {
      assertThat(node.name()).isEqualTo("kube0");
      assertThat(node.platforms()).containsExactly(platform("linux/amd64"));
      assertThat(node.options().replicas()).isEqualTo(2);
      assertThat(node.options().timeout()).hasSeconds(30);
      assertThat(node.buildkitdFlags()).containsExactly(NETWORK_HOST);
    });
  }

  @Test
  void theNodePropertyNamesTheCommandLineNode() {
    BuilderSpec spec = declaration(null, " Arm_Node ", "linux/arm64,linux/arm", Map.of()).toCreate();

    assertThat(spec.nodes()).singleElement().satisfies(node -> {
      assertThat(node.name()).isEqualTo("arm_node");
      assertThat(node.platforms()).containsExactly(platform("linux/arm64"), platform("linux/arm/v7"));
    });
  }

  @Test
  void declaredNodesGetDefaultNamesFromTheirIndex() {
    List<NodeConfig> nodes = List.of(
        node("platforms", List.of("linux/amd64")),
        node("name", "arm", "platforms", List.of("linux/arm64", "linux/arm/v7")),
        node("name", " ", "platforms", List.of("linux/ppc64le")));

    BuilderSpec spec = declaration(nodes, null, null, Map.of()).toCreate();

    assertThat(spec.nodes()).extracting(NodeSpec::name).containsExactly("kube0", "arm", "kube2");
    assertThat(spec.nodes().get(1).platforms()).containsExactly(platform("linux/arm64"), platform("linux/arm/v7"));
  }

  @Test
  void driverOptionsLayerFromNodeCsvToTypedToTopLevelToProperties() {
    PlexusConfiguration typed = xml("<driver><replicas>3</replicas><image>typed:1</image></driver>");
    NodeConfig declared = node("driverOpts", "replicas=2,image=csv:1,rootless=true,namespace=ci", "driver", typed);

    NodeSpec nodeOnly = single(new BuilderDeclaration("kube", List.of(node("driverOpts", "replicas=2")), null, null,
        null, Map.of(), null, null, UnaryOperator.identity()));
    NodeSpec withTyped = single(declaration(List.of(declared), null, null, Map.of()));
    NodeSpec withTopLevel = single(new BuilderDeclaration("kube", List.of(declared), null, null, "replicas=4", Map.of(),
        null, null, UnaryOperator.identity()));
    NodeSpec withProperty = single(new BuilderDeclaration("kube", List.of(declared), null, null, "replicas=4",
        Map.of("replicas", "5", "namespace", "prod"), null, null, UnaryOperator.identity()));

    assertThat(nodeOnly.options().replicas()).isEqualTo(2);
    assertThat(withTyped.options().replicas()).isEqualTo(3);
    assertThat(withTyped.options().image()).isEqualTo("typed:1");
    assertThat(withTyped.options().rootless()).isTrue();
    assertThat(withTopLevel.options().replicas()).isEqualTo(4);
    assertThat(withTopLevel.options().image()).isEqualTo("typed:1");
    assertThat(withProperty.options().replicas()).isEqualTo(5);
    assertThat(withProperty.options().namespace()).isEqualTo("prod");
  }

  @Test
  void typedMapsAndNestedElementsReachTheOptions() {
    PlexusConfiguration typed = xml("""
        <driver>
          <nodeSelector>
            <property><name>kubernetes.io/arch</name><value>arm64</value></property>
            <disk>ssd</disk>
          </nodeSelector>
          <requests><cpu>500m</cpu><ephemeralStorage> 10Gi </ephemeralStorage></requests>
          <qemu><install>true</install></qemu>
          <env><BUILDKIT_STEP_LOG_MAX_SIZE>10485760</BUILDKIT_STEP_LOG_MAX_SIZE></env>
          <tolerations>
            <toleration><key>arch</key><value>arm64</value><effect>NoSchedule</effect></toleration>
          </tolerations>
        </driver>""");

    NodeSpec spec = single(declaration(List.of(node("driver", typed)), null, null, Map.of()));

    assertThat(spec.options().nodeSelector()).containsExactly(Map.entry("disk", "ssd"),
        Map.entry("kubernetes.io/arch", "arm64"));
    assertThat(spec.options().requests().cpu()).isEqualTo("500m");
    assertThat(spec.options().requests().ephemeralStorage()).isEqualTo("10Gi");
    assertThat(spec.options().qemuInstall()).isTrue();
    assertThat(spec.options().env()).containsEntry("BUILDKIT_STEP_LOG_MAX_SIZE", "10485760");
    assertThat(spec.options().tolerations()).singleElement()
        .satisfies(t -> assertThat(t.key()).isEqualTo("arch"));
  }

  @Test
  void driverPropertiesKeepOnlyTheDriverPrefix() {
    Map<Object, Object> properties = Map.of(
        "kbuildx.driver.replicas", "2",
        "kbuildx.driver.env.FOO", "bar",
        "kbuildx.driverOpts", "image=x",
        "kbuildx.builder", "kube",
        "driver.replicas", "9",
        "user.home", "/home/me");

    assertThat(BuilderDeclaration.driverProperties(properties))
        .containsExactly(Map.entry("env.FOO", "bar"), Map.entry("replicas", "2"));
  }

  @Test
  void refusesDuplicateNodeNames() {
    List<NodeConfig> nodes = List.of(node("name", "Arm"), node("name", "arm"));

    assertThatThrownBy(() -> declaration(nodes, null, null, Map.of()).toCreate())
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
          assertThat(e.setting()).isEqualTo("node");
          assertThat(e.value()).isEqualTo("arm");
        })
        .hasMessageContaining("node names must be unique within a builder");
  }

  @Test
  void aDefaultNameMayCollideWithADeclaredOne() {
    List<NodeConfig> nodes = List.of(node("name", "kube1"), node("platforms", List.of("linux/arm64")));

    assertThatThrownBy(() -> declaration(nodes, null, null, Map.of()).toCreate())
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("invalid node \"kube1\"");
  }

  @Test
  void refusesAPlatformDeclaredOnTwoNodes() {
    List<NodeConfig> nodes = List.of(
        node("name", "a", "platforms", List.of("linux/amd64", "linux/arm64")),
        node("name", "b", "platforms", List.of("linux/aarch64")));

    assertThatThrownBy(() -> declaration(nodes, null, null, Map.of()).toCreate())
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
          assertThat(e.setting()).isEqualTo("nodePlatforms");
          assertThat(e.value()).isEqualTo("linux/arm64");
        })
        .hasMessageContaining("nodes a and b both declare it");
  }

  @Test
  void thePlatformsPropertyNeedsOneNode() {
    List<NodeConfig> nodes = List.of(node("name", "a"), node("name", "b"));

    assertThatThrownBy(() -> declaration(nodes, null, "linux/amd64", Map.of()).toCreate())
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
          assertThat(e.setting()).isEqualTo("nodePlatforms");
          assertThat(e.value()).isEqualTo("linux/amd64");
        })
        .hasMessageContaining("applies to one node; the POM declares 2")
        .hasMessageContaining("-Dkbuildx.node");
  }

  @Test
  void thePlatformsPropertyReplacesThoseOfTheOnlyDeclaredNode() {
    List<NodeConfig> nodes = List.of(node("name", "a", "platforms", List.of("linux/amd64")));

    assertThat(single(declaration(nodes, null, "linux/s390x", Map.of())).platforms())
        .containsExactly(platform("linux/s390x"));
  }

  @Test
  void theNodePropertySelectsOneDeclaredNode() {
    List<NodeConfig> nodes = List.of(
        node("name", "amd", "platforms", List.of("linux/amd64")),
        node("name", "arm", "platforms", List.of("linux/arm64")));

    BuilderSpec spec = declaration(nodes, "ARM", null, Map.of()).toCreate();

    assertThat(spec.nodes()).extracting(NodeSpec::name).containsExactly("arm");
  }

  @Test
  void refusesToSelectAnUndeclaredNode() {
    List<NodeConfig> nodes = List.of(node("name", "amd"), node("name", "arm"));

    assertThatThrownBy(() -> declaration(nodes, "ppc", null, Map.of()).toCreate())
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.setting()).isEqualTo("node"))
        .hasMessage("invalid node \"ppc\": the POM declares only the nodes [amd, arm]");
    assertThatThrownBy(() -> declaration(nodes, "ppc", null, Map.of()).toAppend(Set.of()))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("the POM declares only the nodes [amd, arm]");
  }

  @Test
  void appendNamesTheCommandLineNodeAfterTheFirstFreeIndex() {
    BuilderDeclaration declaration = declaration(null, null, "linux/arm64", Map.of());

    assertThat(declaration.toAppend(Set.of()).name()).isEqualTo("kube0");
    assertThat(declaration.toAppend(Set.of("kube0", "kube1", "kube3")).name()).isEqualTo("kube2");
    assertThat(declaration.toAppend(Set.of("kube0", "other")).platforms()).containsExactly(platform("linux/arm64"));
  }

  @Test
  void appendKeepsAnExplicitNodeName() {
    assertThat(declaration(null, "Extra", null, Map.of()).toAppend(Set.of("extra")).name()).isEqualTo("extra");
  }

  @Test
  void appendOfADeclaredNodeNeedsItsName() {
    List<NodeConfig> nodes = List.of(node("name", "amd"), node("name", "arm", "platforms", List.of("linux/arm64")));

    assertThatThrownBy(() -> declaration(nodes, null, null, Map.of()).toAppend(Set.of("amd")))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.setting()).isEqualTo("node"))
        .hasMessageContaining("name the one to append with -Dkbuildx.node");
    assertThat(declaration(nodes, "arm", null, Map.of()).toAppend(Set.of("amd")).platforms())
        .containsExactly(platform("linux/arm64"));
  }

  @Test
  void refusesAnInvalidBuilderName() {
    assertThatThrownBy(() -> declaration("0kube", null, null))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.setting()).isEqualTo("builder"));
    assertThatThrownBy(() -> declaration("default", null, null))
        .isInstanceOf(InvalidSettingException.class).hasMessageContaining("reserved");
  }

  @Test
  void refusesAnInvalidCommandLineNodeName() {
    assertThatThrownBy(() -> declaration(null, "node-", null, Map.of()).toCreate())
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.setting()).isEqualTo("node"));
  }

  @Test
  void nodesInheritTheBuilderFlagsAndConfigUnlessTheyDeclareTheirOwn() throws IOException {
    File shared = toml("shared.toml", "debug = true\n");
    File own = toml("own.toml", "insecure-entitlements = [\"network.host\"]\n");
    List<NodeConfig> nodes = List.of(
        node("name", "inherits"),
        node("name", "overrides", "buildkitdFlags", "--trace", "buildkitdConfig", own));

    BuilderSpec spec = new BuilderDeclaration("kube", nodes, null, null, null, Map.of(), "--debug --oci-worker-gc",
        shared, UnaryOperator.identity()).toCreate();

    NodeSpec inherits = spec.nodes().get(0);
    NodeSpec overrides = spec.nodes().get(1);
    assertThat(inherits.buildkitdFlags()).containsExactly("--debug", "--oci-worker-gc", NETWORK_HOST);
    assertThat(inherits.config().files()).containsEntry("buildkitd.toml", "debug = true\n");
    // The node's TOML allows network.host itself, so the default entitlement flag is not added.
    assertThat(overrides.buildkitdFlags()).containsExactly("--trace");
    assertThat(overrides.config().allowsNetworkHost()).isTrue();
  }

  @Test
  void withoutAConfigTheNodeHasNoFiles() {
    assertThat(single(declaration(null, null, null, Map.of())).config().isEmpty()).isTrue();
  }

  private File toml(String name, String content) throws IOException {
    return Files.writeString(folder.resolve(name), content).toFile();
  }

  private static NodeSpec single(BuilderDeclaration declaration) {
    List<NodeSpec> nodes = declaration.toCreate().nodes();
    assertThat(nodes).hasSize(1);
    return nodes.get(0);
  }

  private static BuilderDeclaration declaration(List<NodeConfig> nodes, String node, String platforms,
      Map<String, String> properties) {
    return new BuilderDeclaration("kube", nodes, node, platforms, null, properties, null, null, UnaryOperator.identity());
  }

  private static BuilderDeclaration declaration(String builder, String node, String platforms) {
    return new BuilderDeclaration(builder, null, node, platforms, null, Map.of(), null, null, UnaryOperator.identity());
  }

  private static NodeConfig node(Object... namesAndValues) {
    return configure(NodeConfig.class, namesAndValues);
  }

  private static Platform platform(String spec) {
    return Platform.parse(spec, "platforms");
  }
}
