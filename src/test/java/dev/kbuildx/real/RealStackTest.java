package dev.kbuildx.real;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class RealStackTest {
  private static final String[] VARIABLES = {"KBUILDX_TEST_A", "KBUILDX_TEST_B"};

  @Test
  void givesTheValuesWhenAllAreSet() {
    Map<String, String> environment = Map.of("KBUILDX_TEST_A", "a", "KBUILDX_TEST_B", "b", "CI", "true");

    assertThat(RealStack.check(environment, "x", VARIABLES, true))
        .containsExactlyInAnyOrderEntriesOf(Map.of("KBUILDX_TEST_A", "a", "KBUILDX_TEST_B", "b"));
  }

  @Test
  void failsInCiWhenOneIsMissing() {
    Map<String, String> environment = Map.of("KBUILDX_TEST_A", "a", "CI", "true");

    assertThatThrownBy(() -> RealStack.check(environment, "a cluster", VARIABLES, false))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("These tests need a cluster, and KBUILDX_TEST_B is not set; start the real stack");
  }

  @Test
  void skipsOutsideCi() {
    Map<String, String> environment = Map.of("CI", "false");

    assertThatThrownBy(() -> RealStack.check(environment, "a cluster", VARIABLES, true))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("KBUILDX_TEST_A and KBUILDX_TEST_B are not set");
    assertThat(RealStack.check(environment, "a cluster", VARIABLES, false)).isEmpty();
  }
}
