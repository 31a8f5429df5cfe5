package dev.kbuildx.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WarmModulesTest {
  @Test
  void readsEachProjectsTimeFromTheReactorSummaryInBuildOrder() {
    String output = """
        [INFO] Reactor Summary for side-by-side 1.0:
        [INFO]
        [INFO] side-by-side ....................................... SUCCESS [  1.667 s]
        [INFO] module-1 ........................................... SUCCESS [  0.563 s]
        [INFO] module-2 ........................................... SUCCESS [01:05 min]
        [INFO] ------------------------------------------------------------------------
        [INFO] BUILD SUCCESS
        [INFO] Total time:  01:08 min
        """;

    assertThat(WarmModules.projectSeconds(output)).containsExactly(1.667, 0.563, 65.0);
  }

  @Test
  void findsNoTimesWithoutASummary() {
    assertThat(WarmModules.projectSeconds("[INFO] BUILD SUCCESS\n[INFO] Total time:  2.840 s\n")).isEmpty();
  }
}
