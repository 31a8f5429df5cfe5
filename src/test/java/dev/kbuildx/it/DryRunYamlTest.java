package dev.kbuildx.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

class DryRunYamlTest {
  private static final String TWO_DOCUMENTS = """
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: kube0
        labels:
          app: kube0
      spec:
        replicas: 2
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: kube0-config
      data:
        buildkitd.toml: |
          debug = true
      """;

  @Test
  void readsEveryDocument() {
    DryRunYaml yaml = DryRunYaml.parse(TWO_DOCUMENTS);

    assertThat(yaml.objects()).extracting(object -> object.getKind())
        .containsExactly("Deployment", "ConfigMap");
    assertThat(yaml.get(Deployment.class, "kube0").getSpec().getReplicas()).isEqualTo(2);
    assertThat(yaml.get(ConfigMap.class, "kube0-config").getData())
        .containsEntry("buildkitd.toml", "debug = true\n");
  }

  @Test
  void skipsMavenLogLinesAroundTheYaml() {
    BuildLog log = BuildLog.ofText("build.log", "[INFO] Scanning for projects...\n"
        + "[INFO] --- kbuildx:0.1.0-SNAPSHOT:create (default-cli) @ it ---\n"
        + TWO_DOCUMENTS
        + "[INFO] BUILD SUCCESS\n");

    assertThat(DryRunYaml.fromLog(log).objects()).hasSize(2);
  }

  @Test
  void namesWhatThereIsWhenAnObjectIsMissing() {
    DryRunYaml yaml = DryRunYaml.parse(TWO_DOCUMENTS);

    assertThatThrownBy(() -> yaml.get(Deployment.class, "kube1"))
        .isInstanceOf(AssertionError.class)
        .hasMessage("No Deployment kube1 in the dry-run output, only [Deployment kube0, ConfigMap kube0-config]");
  }
}
