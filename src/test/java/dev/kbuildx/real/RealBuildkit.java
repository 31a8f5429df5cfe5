package dev.kbuildx.real;

import java.util.Map;

/**
 * The standalone BuildKit daemon of the real-cluster suite, a current release (v0.24 on the realstack),
 * at the {@code tcp://} address {@value #ADDRESS_VARIABLE}. It must treat the registry
 * {@value RealCluster#POD_REGISTRY_VARIABLE} as plain HTTP, as the realstack's daemon does.
 *
 * @param address the daemon's address, such as {@code tcp://127.0.0.1:1234}
 * @param registry the registry's {@code host:port}, which the daemon pushes to over plain HTTP
 */
public record RealBuildkit(String address, String registry) {
  public static final String ADDRESS_VARIABLE = "KBUILDX_TEST_BUILDKIT_ADDR";

  private static final String WHAT = "a current standalone BuildKit daemon and a registry it pushes to";

  /** The daemon; a skipped test outside CI and a failed one in CI when its variables are not set. */
  public static RealBuildkit require() {
    Map<String, String> values = RealStack.require(WHAT, ADDRESS_VARIABLE, RealCluster.POD_REGISTRY_VARIABLE);
    return new RealBuildkit(values.get(ADDRESS_VARIABLE), values.get(RealCluster.POD_REGISTRY_VARIABLE));
  }

  /** For {@code selector.groovy}: false outside CI when the daemon is not configured, a failure in CI. */
  public static boolean available() {
    return RealStack.available(WHAT, ADDRESS_VARIABLE, RealCluster.POD_REGISTRY_VARIABLE);
  }
}
