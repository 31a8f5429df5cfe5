package dev.kbuildx.driver.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KubernetesNamesTest {
  private static final String LONGEST_LABEL = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

  @ParameterizedTest
  @ValueSource(strings = {"a", "default", "ci-builds", "0", "a1-b2", LONGEST_LABEL})
  void acceptsDnsLabels(String value) {
    assertThat(KubernetesNames.isDnsLabel(value)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-a", "a-", "A", "a.b", "a_b", "a b", LONGEST_LABEL + "a"})
  void rejectsOtherDnsLabels(String value) {
    assertThat(KubernetesNames.isDnsLabel(value)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "builder", "default-scheduler", "my.sa", "a.b-c.d", LONGEST_LABEL + "." + LONGEST_LABEL})
  void acceptsDnsSubdomains(String value) {
    assertThat(KubernetesNames.isDnsSubdomain(value)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".a", "a.", "a..b", "A", "a_b", "a/b", "a.-b"})
  void rejectsOtherDnsSubdomains(String value) {
    assertThat(KubernetesNames.isDnsSubdomain(value)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"x", "team", "Team_A", "a.b-c_d", "kubernetes.io/arch", "example.com/My.Key", LONGEST_LABEL})
  void acceptsQualifiedNames(String value) {
    assertThat(KubernetesNames.isQualifiedName(value)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/a", "a/", "a/b/c", "Example.com/a", "-a", "a-", "_a", "a b", "a=b", LONGEST_LABEL + "x"})
  void rejectsOtherQualifiedNames(String value) {
    assertThat(KubernetesNames.isQualifiedName(value)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "amd64", "v1.2_3-rc", "A", LONGEST_LABEL})
  void acceptsLabelValues(String value) {
    assertThat(KubernetesNames.isLabelValue(value)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"-a", "a.", "a b", "a/b", "a,b", LONGEST_LABEL + "x"})
  void rejectsOtherLabelValues(String value) {
    assertThat(KubernetesNames.isLabelValue(value)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"FOO", "foo_bar", "_X", "-X", ".X", "a.b-c", "X1"})
  void acceptsEnvNames(String value) {
    assertThat(KubernetesNames.isEnvName(value)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1X", "A=B", "A B", "A$", ".", "..", "..X"})
  void rejectsOtherEnvNames(String value) {
    assertThat(KubernetesNames.isEnvName(value)).isFalse();
  }
}
