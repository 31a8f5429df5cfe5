package dev.kbuildx.buildkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.kbuildx.engine.TestEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;


/**
 * Build secrets served by the session to {@code RUN --mount=type=secret} of the engine's built-in
 * Dockerfile frontend. The RUN steps compare checksums, so that the values never appear in a
 * step's name and the log can be checked for them.
 */
class SecretsEngineTest extends EngineBuildTest {
  private static final String BASE = "FROM " + TestEngine.BASE_IMAGE;

  private final String runId = UUID.randomUUID().toString().replace("-", "").substring(0, 12);

  @Test
  void runStepsReadSecretsFromAnEnvironmentVariableAndFromAFileWithoutTheirValuesInTheLog() throws IOException {
    // The secret API reads this process's environment; the engine's address is a variable every run has.
    String variable = TestEngine.DOCKER_HOST_VARIABLE;
    String environmentValue = System.getenv(variable);
    String fileValue = "file-secret-" + runId;
    Path secretFile = dir.resolve("secret.txt");
    Files.writeString(secretFile, fileValue);
    Path context = dir.resolve("context");
    write(context.resolve("Dockerfile"), BASE + " AS check\n"
        + "RUN --mount=type=secret,id=token --mount=type=secret,id=file-token,required"
        + " test \"$(sha256sum < /run/secrets/token)\" = \"" + sha256(environmentValue) + "  -\""
        + " && test \"$(sha256sum < /run/secrets/file-token)\" = \"" + sha256(fileValue) + "  -\""
        + " && echo ok-" + runId + " > /ok\n"
        + "FROM scratch\n"
        + "COPY --from=check /ok /ok\n");
    Path out = dir.resolve("out");

    solver.solve(runnable(context).secretEnvironment("token", variable).secretFile("file-token", secretFile.toString())
        .output("type=local,dest=" + out).build(), "");

    assertThat(out.resolve("ok")).hasContent("ok-" + runId + "\n");
    assertThat(log.lines).isNotEmpty().noneMatch(line -> line.contains(environmentValue) || line.contains(fileValue));
  }

  @Test
  void aRequiredSecretTheBuildDoesNotDeclareFailsTheBuildNamingItsId() throws IOException {
    String value = "declared-value-" + runId;
    Path secretFile = dir.resolve("secret.txt");
    Files.writeString(secretFile, value);
    String missing = "missing-" + runId;
    Path context = dir.resolve("context");
    write(context.resolve("Dockerfile"), BASE + "\n"
        + "RUN --mount=type=secret,id=declared --mount=type=secret,id=" + missing + ",required true\n");

    assertThatThrownBy(() -> solver.solve(runnable(context).secretFile("declared", secretFile.toString()).build(), ""))
        .isInstanceOf(BuildFailedException.class)
        .hasMessageContaining(missing)
        .message().doesNotContain(value);
    assertThat(log.lines).noneMatch(line -> line.contains(value));
  }

  /** A build whose RUN steps can execute on this engine. */
  private static DockerfileBuild.Builder runnable(Path context) {
    return DockerfileBuild.builder(context).network(TestEngine.BUILD_NETWORK);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
