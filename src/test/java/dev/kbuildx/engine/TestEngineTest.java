package dev.kbuildx.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TestEngineTest {
  private static TestEngine engine;

  @BeforeAll
  static void requireEngine() {
    engine = TestEngine.require();
  }

  @Test
  void missingVariablesFailWithTheCommandThatStartsTheEngine() {
    assertThatThrownBy(() -> TestEngine.from(Map.of()))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("bash .ci/engine start")
        .hasMessageContaining(TestEngine.DOCKER_HOST_VARIABLE);
  }

  @Test
  void tcpEngineAddressIsRejected() {
    assertThatThrownBy(() -> TestEngine.from(Map.of(
        TestEngine.DOCKER_HOST_VARIABLE, "tcp://127.0.0.1:2375", TestEngine.REGISTRY_VARIABLE, "127.0.0.1:5000")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("unix://");
  }

  @Test
  void engineAnswersAndHoldsTheBaseImage() {
    assertThat(engine.apiVersion()).matches("\\d+\\.\\d+");
    assertThat(engine.imageExists(TestEngine.BASE_IMAGE)).isTrue();
    assertThat(engine.imageExists("kbuildx-test/absent:" + UUID.randomUUID())).isFalse();
  }

  @Test
  void imagePushedByTheEngineIsReadBackFromTheRegistry() {
    String repository = "kbuildx-test/busybox";
    String tag = UUID.randomUUID().toString();
    String name = engine.registry() + "/" + repository + ":" + tag;
    engine.tagImage(TestEngine.BASE_IMAGE, name);
    try {
      engine.pushImage(name);

      RegistryManifest manifest = engine.registryManifest(repository, tag);
      assertThat(manifest.mediaType()).isEqualTo("application/vnd.docker.distribution.manifest.v2+json");
      assertThat(manifest.digest()).startsWith("sha256:");
      assertThat(manifest.json().path("layers")).hasSize(1);
      assertThat(engine.registryManifest(repository, manifest.digest()).body()).isEqualTo(manifest.body());
    } finally {
      engine.removeImage(name);
    }
    assertThat(engine.imageExists(name)).isFalse();
    assertThat(engine.imageExists(TestEngine.BASE_IMAGE)).isTrue();
  }

  @Test
  void removingAnAbsentImageIsFine() {
    assertThatCode(() -> engine.removeImage("kbuildx-test/absent:" + UUID.randomUUID()))
        .doesNotThrowAnyException();
  }

  @Test
  void unknownManifestFailsNamingRepositoryAndTag() {
    assertThatThrownBy(() -> engine.registryManifest("kbuildx-test/absent", "none"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("404")
        .hasMessageContaining("kbuildx-test/absent:none");
  }
}
