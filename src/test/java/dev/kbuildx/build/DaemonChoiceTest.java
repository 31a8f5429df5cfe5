package dev.kbuildx.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.builder.BuildkitdConfig;
import dev.kbuildx.builder.BuilderSpec;
import dev.kbuildx.builder.NodeSpec;
import dev.kbuildx.driver.kubernetes.KubernetesOptionsBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class DaemonChoiceTest {
  private static final BuilderSpec DECLARED = new BuilderSpec("ci", List.of(
      new NodeSpec("ci0", List.of(), KubernetesOptionsBuilder.defaults(), List.of(), BuildkitdConfig.NONE)));

  @Test
  void withNothingConfiguredTheDockerEngineBuilds() {
    assertThat(DaemonChoice.choose(null, null, null)).isInstanceOf(DaemonChoice.DockerEngine.class);
    assertThat(DaemonChoice.choose("  ", null, null)).isInstanceOf(DaemonChoice.DockerEngine.class);
  }

  @Test
  void anExplicitBuilderNameMeansAnExistingClusterBuilder() {
    assertThat(DaemonChoice.choose(null, "shared", null)).isEqualTo(new DaemonChoice.ClusterBuilder("shared", null));
  }

  @Test
  void declaredNodesMeanTheDeclaredBuilderWhichMayBeBootstrapped() {
    assertThat(DaemonChoice.choose(null, "ci", DECLARED)).isEqualTo(new DaemonChoice.ClusterBuilder("ci", DECLARED));
    assertThat(DaemonChoice.choose("", null, DECLARED)).isEqualTo(new DaemonChoice.ClusterBuilder("ci", DECLARED));
  }

  @Test
  void anEndpointWinsOverDeclaredNodes() {
    DaemonChoice choice = DaemonChoice.choose("tcp://buildkitd:1234", null, DECLARED);

    assertThat(choice).isInstanceOf(DaemonChoice.StandingDaemon.class);
    assertThat(((DaemonChoice.StandingDaemon) choice).endpoint()).hasToString("tcp://buildkitd:1234");
  }

  @Test
  void anEndpointTogetherWithAnExplicitBuilderIsAnError() {
    assertThatThrownBy(() -> DaemonChoice.choose("unix:///run/buildkit/buildkitd.sock", "shared", null))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
          assertThat(e.setting()).isEqualTo("endpoint");
          assertThat(e).hasMessageContaining("shared").hasMessageContaining("exclude each other");
        });
  }

  @Test
  void aBadEndpointOrBuilderNameIsNamed() {
    assertThatThrownBy(() -> DaemonChoice.choose("http://buildkitd:1234", null, null))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.setting()).isEqualTo("endpoint"));
    assertThatThrownBy(() -> DaemonChoice.choose(null, "no spaces", null))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.setting()).isEqualTo("builder"));
  }
}
