package dev.kbuildx.real;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Whether the real systems of the real-cluster suite are configured: a Kubernetes cluster, a registry
 * that its pods reach and a standalone BuildKit daemon, each named by a {@code KBUILDX_TEST_*} variable
 * ({@code bash .ci/cluster env} prints them for the shared realstack; src/site/markdown/testing.md
 * says how to point them at any cluster). Outside CI a test whose variables are missing is skipped;
 * in CI ({@code CI} set, as CI services do) it fails, so that the suite can never pass by not running.
 */
public final class RealStack {
  static final String HOW_TO_START = "start the real stack (as root): bash .ci/cluster start && "
      + "eval \"$(bash .ci/cluster env)\", or set these variables for another cluster (src/site/markdown/testing.md)";

  private RealStack() {}

  /**
   * The values of {@code variables}; when one is missing, a failed assertion in CI and a skipped test
   * elsewhere.
   */
  static Map<String, String> require(String what, String... variables) {
    return check(System.getenv(), what, variables, true);
  }

  /**
   * Whether {@code variables} are all set, for invoker selector scripts, which skip a test project on
   * false; in CI a missing one is a failed assertion instead.
   */
  static boolean available(String what, String... variables) {
    return !check(System.getenv(), what, variables, false).isEmpty();
  }

  static Map<String, String> check(Map<String, String> environment, String what, String[] variables,
      boolean abortWhenMissing) {
    List<String> missing = Stream.of(variables)
        .filter(variable -> environment.getOrDefault(variable, "").isBlank())
        .toList();
    if (missing.isEmpty()) {
      return Stream.of(variables).collect(java.util.stream.Collectors.toMap(v -> v, environment::get));
    }
    String message = "These tests need " + what + ", and " + String.join(" and ", missing)
        + (missing.size() == 1 ? " is" : " are") + " not set; " + HOW_TO_START;
    if (inCi(environment)) {
      throw new AssertionError(message);
    }
    if (abortWhenMissing) {
      Assumptions.abort(message);
    }
    return Map.of();
  }

  /** CI services set {@code CI}; so does kbuildx's own {@code .ci/run} when CI runs it. */
  static boolean inCi(Map<String, String> environment) {
    String ci = environment.getOrDefault("CI", "");
    return !ci.isBlank() && !ci.equalsIgnoreCase("false");
  }
}
