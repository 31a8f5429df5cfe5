package dev.kbuildx.real;

import java.nio.file.Path;
import java.util.Map;

/**
 * The Go clients the side-by-side benchmark runs beside kbuildx, all in the folder
 * {@value #DIRECTORY_VARIABLE}: {@code buildctl}, {@code docker-buildx} (which runs without a Docker
 * CLI) and {@code kubectl}. The realstack ships them; {@code bash .ci/cluster env} names its folder.
 *
 * @param directory the folder that holds the three programs
 */
public record RealGoClients(Path directory) {
  public static final String DIRECTORY_VARIABLE = "KBUILDX_TEST_GO_TOOLS";

  private static final String WHAT = "the Go clients buildctl, docker-buildx and kubectl";

  /** The folder; a skipped test outside CI and a failed one in CI when its variable is not set. */
  public static RealGoClients require() {
    Map<String, String> values = RealStack.require(WHAT, DIRECTORY_VARIABLE);
    return new RealGoClients(Path.of(values.get(DIRECTORY_VARIABLE)));
  }

  public Path buildctl() {
    return directory.resolve("buildctl");
  }

  public Path buildx() {
    return directory.resolve("docker-buildx");
  }

  public Path kubectl() {
    return directory.resolve("kubectl");
  }
}
