package dev.kbuildx.driver.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SpecDiffTest {
  @Test
  void namesChangedAddedAndRemovedKeysInOrder() {
    TreeMap<String, String> declared = new TreeMap<>();
    declared.put("replicas", "2");
    declared.put("env.FOO", "bar");
    declared.put("platforms", "");

    assertThat(SpecDiff.describe("{\"replicas\":\"1\",\"labels\":\"a=b\",\"platforms\":\"linux/amd64\"}", declared))
        .isEqualTo("env.FOO added, labels removed, platforms linux/amd64 -> \"\", replicas 1 -> 2");
  }

  @Test
  void hidesSecretsDigestsAndLongValues() {
    TreeMap<String, String> declared = new TreeMap<>();
    declared.put("env.TOKEN", "new-secret");
    declared.put("config.buildkitd.toml", "b".repeat(64));
    declared.put("tolerations", "x".repeat(61));

    assertThat(SpecDiff.describe("{\"env.TOKEN\":\"old-secret\",\"config.buildkitd.toml\":\"" + "a".repeat(64)
            + "\",\"tolerations\":\"y\"}", declared))
        .isEqualTo("config.buildkitd.toml changed, env.TOKEN changed, tolerations changed");
  }

  @Test
  void saysSoWhenThePreviousSettingsAreUnknown() {
    assertThat(SpecDiff.describe(null, new TreeMap<>()))
        .isEqualTo("settings changed (the previous settings were not recorded)");
    assertThat(SpecDiff.describe("not json", new TreeMap<>()))
        .isEqualTo("settings changed (the previous settings were not recorded)");
    assertThat(SpecDiff.parse("[\"replicas\"]")).isNull();
  }
}
