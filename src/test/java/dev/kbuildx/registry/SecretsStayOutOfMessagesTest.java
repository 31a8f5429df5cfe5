package dev.kbuildx.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way a credential lookup can fail, with a known secret in the input: neither the messages
 * of the whole cause chain nor any toString may contain it.
 */
@DisabledOnOs(OS.WINDOWS)
class SecretsStayOutOfMessagesTest {
  private static final String SECRET = "leak-marker-5b7e";

  @TempDir
  Path dir;

  @Test
  void noFailureOfTheRegistryPackageShowsASecret() throws IOException {
    ExecutableFinder executables = FakeHelpers.install(Files.createDirectories(dir.resolve("bin")));
    List<Throwable> failures = new ArrayList<>();

    failures.add(catchThrowable(() -> config(executables, "{\"auths\": {\"a.io\": {\"auth\": \"" + SECRET + "\"}}}").lookup("a.io")));
    failures.add(catchThrowable(() -> config(executables, "{\"auths\": {\"a.io\": {\"auth\": \"" + base64(SECRET) + "\"}}}").lookup("a.io")));
    failures.add(catchThrowable(() -> config(executables, "{\"auths\": {\"a.io\": {\"password\": " + SECRET + "}}}")));
    failures.add(catchThrowable(() -> config(executables, "{\"auths\": [\"" + SECRET + "\"]}")));
    failures.add(catchThrowable(() -> config(executables, "{\"credsStore\": \"test\"}").lookup("broken.example")));
    failures.add(catchThrowable(() -> config(executables, "{\"credsStore\": \"test\"}").lookup("garbage.example")));
    failures.add(catchThrowable(() -> new CredentialHelper("test", executables, Duration.ofSeconds(10)).lookup("broken.example")));

    assertThat(failures).doesNotContainNull().allSatisfy(failure -> assertThat(allText(failure)).doesNotContain(SECRET)
        .doesNotContain(FakeHelpers.HELPER_SECRET));
  }

  @Test
  void noValueObjectShowsASecret() {
    RegistryCredentials credentials = new RegistryCredentials("alice", SECRET);
    CredentialsChain.Match match = new CredentialsChain.Match(new FixedSource("s", "a.io", credentials), credentials);

    assertThat(List.of(credentials.toString(), RegistryCredentials.identityToken(SECRET).toString(), match.toString()))
        .allSatisfy(text -> assertThat(text).doesNotContain(SECRET));
  }

  private DockerConfigCredentials config(ExecutableFinder executables, String json) throws IOException {
    Path file = Files.createTempFile(dir, "config", ".json");
    Files.writeString(file, json);
    return DockerConfigCredentials.fromFile(file, executables, Duration.ofSeconds(10));
  }

  private static String allText(Throwable failure) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      text.append(t).append('\n');
    }
    return text.toString();
  }

  private static String base64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }
}
