package dev.kbuildx.driver.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kbuildx.InvalidSettingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BuilderNamesTest {
  private static final String SIXTY_THREE = "b" + "x".repeat(62);

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"kube, kube", "Kube, kube", "my-builder_1.ci, my-builder_1.ci", "B, b"})
  void acceptsBuilderNamesAndLowerCasesThem(String name, String expected) {
    assertThat(BuilderNames.builder(name)).isEqualTo(expected);
  }

  @Test
  void acceptsSixtyThreeCharacters() {
    assertThat(BuilderNames.builder(SIXTY_THREE)).isEqualTo(SIXTY_THREE);
    assertThat(BuilderNames.node(SIXTY_THREE)).isEqualTo(SIXTY_THREE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1kube", "-kube", "_kube", ".kube", "kube builder", "kube/0", "kube:0", "kübe"})
  void refusesBuilderNamesThatBreakBuildxRule(String name) {
    assertThatThrownBy(() -> BuilderNames.builder(name))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
          assertThat(e.setting()).isEqualTo("builder");
          assertThat(e.value()).isEqualTo(name);
          assertThat(e.isDriverOption()).isFalse();
        })
        .hasMessageContaining("must start with a letter and may contain only letters, digits and . _ -");
  }

  @Test
  void requiresAName() {
    assertThatThrownBy(() -> BuilderNames.builder(null))
        .isInstanceOf(InvalidSettingException.class).hasMessage("invalid builder \"\": a name is required");
    assertThatThrownBy(() -> BuilderNames.node(""))
        .isInstanceOf(InvalidSettingException.class).hasMessage("invalid node \"\": a name is required");
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "Default", "DEFAULT"})
  void reservesDefaultForDockersBuilder(String name) {
    assertThatThrownBy(() -> BuilderNames.builder(name))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("\"default\" is reserved by buildx");
  }

  @Test
  void defaultIsAFineNodeName() {
    assertThat(BuilderNames.node("default")).isEqualTo("default");
  }

  @Test
  void refusesNamesLongerThanALabelValue() {
    String tooLong = SIXTY_THREE + "x";

    assertThatThrownBy(() -> BuilderNames.builder(tooLong))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("at most 63 characters");
    assertThatThrownBy(() -> BuilderNames.node(tooLong))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.setting()).isEqualTo("node"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"kube0, kube0", "Builder_AMD64, builder-amd64", "a_b_c, a-b-c", "node.1, node.1", "N-1, n-1"})
  void mapsNodeNamesToObjectNamesLikeBuildx(String node, String object) {
    assertThat(BuilderNames.objectName(node)).isEqualTo(object);
  }

  @Test
  void nodeNamesAreLowerCased() {
    assertThat(BuilderNames.node("Builder_AMD64")).isEqualTo("builder_amd64");
  }

  @ParameterizedTest
  @ValueSource(strings = {"kube-", "kube_", "kube.", "Kube_"})
  void refusesNodeNamesWhoseObjectNameKubernetesWouldRefuse(String name) {
    assertThat(BuilderNames.builder(name)).isEqualTo(name.toLowerCase());
    assertThatThrownBy(() -> BuilderNames.node(name))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
          assertThat(e.setting()).isEqualTo("node");
          assertThat(e.value()).isEqualTo(name.toLowerCase());
        })
        .hasMessageContaining("must start and end with a letter or digit");
  }

  @Test
  void defaultNodeNamesAppendTheIndex() {
    assertThat(BuilderNames.defaultNodeName("kube", 0)).isEqualTo("kube0");
    assertThat(BuilderNames.defaultNodeName("kube", 12)).isEqualTo("kube12");
  }

  @Test
  void anAddressGivenAsBuilderNamesTheEndpointSetting() {
    assertThatThrownBy(() -> BuilderNames.builder("tcp://127.0.0.1:1234"))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessage("invalid builder \"tcp://127.0.0.1:1234\": a builder is a name, not an address; to build on the"
            + " BuildKit daemon at tcp://127.0.0.1:1234, set it as the endpoint instead"
            + " (-Dkbuildx.endpoint=tcp://127.0.0.1:1234, or <endpoint> in the POM)");
  }
}
