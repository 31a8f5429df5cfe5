package dev.kbuildx.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kbuildx.InvalidSettingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {

  @ParameterizedTest
  @CsvSource({
      "busybox, docker.io/library/busybox, busybox",
      "busybox:1.36, docker.io/library/busybox:1.36, busybox:1.36",
      "team/app, docker.io/team/app, team/app",
      "docker.io/library/alpine:latest, docker.io/library/alpine:latest, alpine:latest",
      "index.docker.io/team/app, docker.io/team/app, team/app",
      "localhost:5000/app:dev, localhost:5000/app:dev, localhost:5000/app:dev",
      "localhost/app, localhost/app, localhost/app",
      "registry.example.com/a/b/c:1.0-rc.1, registry.example.com/a/b/c:1.0-rc.1, registry.example.com/a/b/c:1.0-rc.1",
      "[fd00::1]:5000/app, [fd00::1]:5000/app, [fd00::1]:5000/app"})
  void normalisesLikeDocker(String text, String full, String familiar) {
    ImageReference reference = ImageReference.parse(text, "outputs");

    assertThat(reference.toString()).isEqualTo(full);
    assertThat(reference.familiar()).isEqualTo(familiar);
  }

  @Test
  void keepsTagAndDigest() {
    String digest = "sha256:" + "a".repeat(64);

    ImageReference reference = ImageReference.parse("host:5000/app:1.0@" + digest, "outputs");

    assertThat(reference.domain()).isEqualTo("host:5000");
    assertThat(reference.path()).isEqualTo("app");
    assertThat(reference.tag()).isEqualTo("1.0");
    assertThat(reference.digest()).isEqualTo(digest);
    assertThat(reference.name()).isEqualTo("host:5000/app");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "App", "team/App", "app:", "app:-bad", "app@sha256:short", "a//b", "-app", "app-",
      "host:port:5000/app"})
  void refusesInvalidReferencesNamingTheSetting(String text) {
    assertThatThrownBy(() -> ImageReference.parse(text, "cacheFrom"))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
          assertThat(e.setting()).isEqualTo("cacheFrom");
          assertThat(e.value()).isEqualTo(text);
          assertThat(e.accepted()).contains("expected an image reference");
        });
  }

  @Test
  void saysWhyAnUpperCaseRepositoryIsRefused() {
    assertThatThrownBy(() -> ImageReference.parse("registry.example.com/Team/app", "outputs"))
        .hasMessageContaining("the repository \"Team/app\" must be lower-case");
  }
}
