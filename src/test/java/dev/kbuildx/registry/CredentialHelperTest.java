package dev.kbuildx.registry;

import dev.kbuildx.Await;
import static dev.kbuildx.registry.FakeHelpers.HELPER_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@DisabledOnOs(OS.WINDOWS)
class CredentialHelperTest {
  @TempDir
  Path bin;

  private CredentialHelper helper;

  @BeforeEach
  void installHelper() throws IOException {
    helper = new CredentialHelper("test", FakeHelpers.install(bin), Duration.ofSeconds(10));
  }

  @Test
  void readsUserAndSecretFromTheHelper() {
    assertThat(helper.lookup("ghcr.io")).contains(new RegistryCredentials("helper-user", HELPER_SECRET));
  }

  @Test
  void asksForDockerHubByItsIndexUrlAndKeepsTheIdentityTokenConvention() {
    RegistryCredentials credentials = helper.lookup("registry-1.docker.io").orElseThrow();

    assertThat(credentials.isIdentityToken()).isTrue();
    assertThat(credentials.secret()).isEqualTo(HELPER_SECRET);
  }

  @Test
  void notFoundIsNoCredentials() {
    assertThat(helper.lookup("quay.io")).isEmpty();
  }

  @Test
  void anEmptyAnswerIsNoCredentials() {
    assertThat(helper.lookup("empty.example")).isEmpty();
  }

  @Test
  void aFailingHelperIsReportedWithoutItsOutput() {
    assertThatThrownBy(() -> helper.lookup("broken.example"))
        .isInstanceOf(RegistryCredentialsException.class)
        .hasMessageContaining("docker-credential-test get failed for broken.example with exit code 3")
        .hasMessageNotContaining(HELPER_SECRET)
        .hasMessageNotContaining("keychain");
  }

  @Test
  void outputThatIsNotJsonIsReportedWithoutIt() {
    assertThatThrownBy(() -> helper.lookup("garbage.example"))
        .isInstanceOf(RegistryCredentialsException.class)
        .hasMessage("docker-credential-test get printed no credentials JSON for garbage.example")
        .hasNoCause();
  }

  @Test
  void aHelperThatHangsIsStoppedAfterTheTimeout() throws IOException, InterruptedException {
    CredentialHelper impatient = new CredentialHelper("test", ExecutableFinder.onPath(bin.toString(), null),
        Duration.ofMillis(500));
    long start = System.nanoTime();

    assertThatThrownBy(() -> impatient.lookup("slow.example"))
        .isInstanceOf(RegistryCredentialsException.class)
        .hasMessageContaining("docker-credential-test get did not answer for slow.example within");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    long sleepPid = Long.parseLong(Files.readString(bin.resolve("sleep.pid")).trim());
    Await.until("the helper's child is killed too", Duration.ofSeconds(5),
        () -> ProcessHandle.of(sleepPid).map(handle -> !handle.isAlive()).orElse(true));
  }


  @Test
  void aHelperMissingFromThePathIsNamed() {
    CredentialHelper missing = new CredentialHelper("desktop", ExecutableFinder.onPath(bin.toString(), null),
        Duration.ofSeconds(1));

    assertThatThrownBy(() -> missing.lookup("ghcr.io"))
        .isInstanceOf(RegistryCredentialsException.class)
        .hasMessage("the docker credential helper docker-credential-desktop is not on the PATH");
  }
}
