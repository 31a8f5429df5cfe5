package dev.kbuildx.driver.choice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.buildkit.BuildkitdConfig;
import dev.kbuildx.driver.Driver;
import dev.kbuildx.driver.docker.DockerDriver;
import dev.kbuildx.driver.kubernetes.BuilderSpec;
import dev.kbuildx.driver.kubernetes.KubernetesOptionsBuilder;
import dev.kbuildx.driver.kubernetes.NodeSpec;
import dev.kbuildx.driver.remote.RemoteEndpoint;
import dev.kbuildx.platform.Platform;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DaemonChoiceTest {
  private static final BuilderSpec DECLARED = new BuilderSpec("ci", List.of(
      new NodeSpec("ci0", List.of(), KubernetesOptionsBuilder.defaults(), List.of(), BuildkitdConfig.NONE)));

  private static final DaemonChoice.StandingDaemon STANDING =
      new DaemonChoice.StandingDaemon(RemoteEndpoint.parse("tcp://buildkitd:1234"), false);
  private static final List<Driver> ENGINES = List.of(
      new DockerDriver("amd", List.of(Platform.parse("linux/amd64", "platforms")), Map.of(), false));

  @Test
  void withNothingConfiguredTheDockerEngineBuilds() {
    assertThat(DaemonChoice.choose(null, null, null, List.of())).isInstanceOf(DaemonChoice.DockerEngine.class);
  }

  @Test
  void anExplicitBuilderNameMeansAnExistingClusterBuilder() {
    assertThat(DaemonChoice.choose(null, "shared", null, List.of())).isEqualTo(new DaemonChoice.ClusterBuilder("shared", null));
  }

  @Test
  void declaredNodesMeanTheDeclaredBuilderWhichMayBeBootstrapped() {
    assertThat(DaemonChoice.choose(null, "ci", DECLARED, List.of()))
        .isEqualTo(new DaemonChoice.ClusterBuilder("ci", DECLARED));
    assertThat(DaemonChoice.choose(null, null, DECLARED, List.of()))
        .isEqualTo(new DaemonChoice.ClusterBuilder("ci", DECLARED));
  }

  @Test
  void declaredStandingNodesAreTheBuilder() {
    assertThat(DaemonChoice.choose(null, null, null, ENGINES)).isEqualTo(new DaemonChoice.DeclaredNodes(ENGINES));
  }

  @Test
  void anEndpointWinsOverDeclaredNodes() {
    assertThat(DaemonChoice.choose(STANDING, null, DECLARED, ENGINES)).isSameAs(STANDING);
  }

  @Test
  void anEndpointTogetherWithAnExplicitBuilderIsAnError() {
    assertThatThrownBy(() -> DaemonChoice.choose(STANDING, "shared", null, List.of()))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
          assertThat(e.setting()).isEqualTo("endpoint");
          assertThat(e).hasMessageContaining("shared").hasMessageContaining("exclude each other");
        });
  }

  @Test
  void aBadBuilderNameIsNamed() {
    assertThatThrownBy(() -> DaemonChoice.choose(null, "no spaces", null, List.of()))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.setting()).isEqualTo("builder"));
  }
}
