package dev.kbuildx.driver.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.buildkit.BuildkitdConfig;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class BuildkitdFlagsTest {
  private static final BuildkitdConfig TOML_ONLY =
      new BuildkitdConfig(new TreeMap<>(Map.of("buildkitd.toml", "debug = true\n")), false);

  @Test
  void plainNodeGetsTheNetworkHostEntitlementLikeBuildx() {
    assertThat(BuildkitdFlags.resolve(null, BuildkitdConfig.NONE, false))
        .containsExactly("--allow-insecure-entitlement=network.host");
    assertThat(BuildkitdFlags.resolve("  ", BuildkitdConfig.NONE, false))
        .containsExactly("--allow-insecure-entitlement=network.host");
  }

  @Test
  void splitsLikeAShell() {
    assertThat(BuildkitdFlags.resolve(
            "--debug  --oci-worker-gc-keepstorage '20 GB' --x=\"a \\\"b\\\"\" c\\ d '' e\\'f", BuildkitdConfig.NONE, false))
        .containsExactly("--debug", "--oci-worker-gc-keepstorage", "20 GB", "--x=a \"b\"", "c d", "", "e'f",
            "--allow-insecure-entitlement=network.host");
  }

  @Test
  void singleQuotesKeepBackslashes() {
    assertThat(BuildkitdFlags.resolve("--root='C:\\buildkit'", BuildkitdConfig.NONE, false))
        .startsWith("--root=C:\\buildkit");
  }

  @Test
  void userEntitlementFlagReplacesTheDefault() {
    assertThat(BuildkitdFlags.resolve("--allow-insecure-entitlement security.insecure", BuildkitdConfig.NONE, false))
        .containsExactly("--allow-insecure-entitlement", "security.insecure");
  }

  @Test
  void configThatAllowsNetworkHostReplacesTheDefault() {
    BuildkitdConfig config = new BuildkitdConfig(TOML_ONLY.files(), true);

    assertThat(BuildkitdFlags.resolve("--debug", config, false)).containsExactly("--debug");
  }

  @Test
  void rootlessDisablesTheProcessSandboxAndPointsAtTheMountedConfig() {
    assertThat(BuildkitdFlags.resolve(null, TOML_ONLY, true)).containsExactly(
        "--allow-insecure-entitlement=network.host",
        "--oci-worker-no-process-sandbox",
        "--config=/etc/buildkit/buildkitd.toml");
    assertThat(BuildkitdFlags.resolve(null, BuildkitdConfig.NONE, true)).containsExactly(
        "--allow-insecure-entitlement=network.host",
        "--oci-worker-no-process-sandbox");
  }

  @Test
  void rootlessKeepsTheUsersConfigAndSandboxFlags() {
    assertThat(BuildkitdFlags.resolve("--config /home/user/b.toml --oci-worker-no-process-sandbox", TOML_ONLY, true))
        .containsExactly("--config", "/home/user/b.toml", "--oci-worker-no-process-sandbox",
            "--allow-insecure-entitlement=network.host");
    assertThat(BuildkitdFlags.resolve("--config=/home/user/b.toml", TOML_ONLY, true))
        .doesNotContain("--config=/etc/buildkit/buildkitd.toml");
  }

  @Test
  void rootfulNodesReadTheMountedConfigWithoutAFlag() {
    assertThat(BuildkitdFlags.resolve(null, TOML_ONLY, false))
        .containsExactly("--allow-insecure-entitlement=network.host");
  }

  @Test
  void rejectsAnUnclosedQuote() {
    assertThatThrownBy(() -> BuildkitdFlags.resolve("--debug 'oops", BuildkitdConfig.NONE, false))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
          assertThat(e.setting()).isEqualTo("buildkitdFlags");
          assertThat(e.value()).isEqualTo("--debug 'oops");
          assertThat(e.accepted()).contains("' quote is not closed");
        });
    assertThatThrownBy(() -> BuildkitdFlags.resolve("--x=\"a", BuildkitdConfig.NONE, false))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("\" quote is not closed");
  }

  @Test
  void rejectsATrailingBackslash() {
    assertThatThrownBy(() -> BuildkitdFlags.resolve("--debug \\", BuildkitdConfig.NONE, false))
        .isInstanceOfSatisfying(InvalidSettingException.class,
            e -> assertThat(e.accepted()).contains("lone backslash"));
  }
}
