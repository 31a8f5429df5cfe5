package dev.kbuildx.driver.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The dry-run YAML reads like {@code kubectl get -o yaml}: the expected quoting below is what
 * {@code kubectl create configmap --from-literal=k=<value> --dry-run=client -o yaml} prints.
 */
class KubectlYamlTest {
  @ParameterizedTest
  @ValueSource(strings = {"true", "yes", "on", "y", "Y", "null", "~", "1", "0755", "1.5", "1e3", "0x1F",
      "0o17", "0b101", "1:20", "1_000", ".inf", "2001-12-14"})
  void doubleQuotesStringsKubectlWouldReadAsAnotherType(String value) {
    assertThat(valueLine(value)).isEqualTo("k: \"" + value + "\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a: b", "a #b", "#x", "- x", "*x", "{x", "x:", "{\"a\":\"b\"}"})
  void singleQuotesStringsPlainYamlCannotHold(String value) {
    assertThat(valueLine(value)).isEqualTo("k: '" + value + "'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a#b", "-x", "?x", "=", "<<", "2m0s", "0b1d3812ae",
      "moby/buildkit:buildx-stable-1", "linux/amd64"})
  void leavesOtherStringsPlain(String value) {
    assertThat(valueLine(value)).isEqualTo("k: " + value);
  }

  @Test
  void writesPlainScalarsAndLiteralBlocksThatReadBackAsTheSameObjects() {
    String yaml = KubernetesBuilders.dryRun(TrickyBuilder.spec(), "ci");

    assertThat(yaml.lines()).contains("kind: ConfigMap", "kind: Deployment", "  namespace: ci",
        "    tricky: \"true\"", "    mode: \"yes\"", "    example.com/mode: \"0755\"",
        "    example.com/note: 'a: b'", "  buildkitd.toml: |", "    debug = true",
        "          value: \"yes\"", "          value: \"on\"", "          value: \"1e3\"",
        "          value: \"0x1F\"", "          value: 'a: b'", "          value: \"~\"");
    assertThat(yaml).doesNotContain("kind: \"");
    assertThat(ReadBack.parse(yaml)).isEqualTo(ReadBack.trees(TrickyBuilder.rendered("ci")));
  }

  private static String valueLine(String value) {
    String yaml = KubectlYaml.document(new ConfigMapBuilder()
        .withNewMetadata().withName("t").endMetadata().addToData("k", value).build());
    return yaml.lines().filter(line -> line.startsWith("  k: ")).findFirst().orElseThrow().substring(2);
  }
}
