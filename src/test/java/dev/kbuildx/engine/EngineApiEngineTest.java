package dev.kbuildx.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kbuildx.KbuildxException;
import dev.kbuildx.registry.RegistryCredentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loads into and pushes from the real Docker Engine that {@code .ci/engine} starts, to its real registries. */
class EngineApiEngineTest {
  private static final String AUTH_REGISTRY_VARIABLE = "KBUILDX_TEST_AUTH_REGISTRY";
  private static final String MANIFEST_TYPES =
      "application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json";

  private final TestEngine engine = TestEngine.require();
  private final EngineApi api = EngineApi.fromEnvironment(Map.of("DOCKER_HOST", engine.dockerHost()));
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final List<String> created = new ArrayList<>();

  @BeforeEach
  void engineHasTheBaseImage() {
    assertThat(engine.imageExists(TestEngine.BASE_IMAGE)).isTrue();
  }

  @AfterEach
  void removeCreatedNames() {
    created.forEach(engine::removeImage);
  }

  /** Another name for the base image, removed after the test. */
  private String alias(String name) {
    engine.tagImage(TestEngine.BASE_IMAGE, name);
    created.add(name);
    return name;
  }

  @Test
  void usesTheVersionTheEngineOffers() {
    String offered = engine.apiVersion();

    assertThat(api.apiVersion()).isEqualTo(
        EngineApi.compareVersions(offered, EngineApi.NEWEST_KNOWN_VERSION) < 0 ? offered : EngineApi.NEWEST_KNOWN_VERSION);
  }

  @Test
  void loadsADockerTarballUnderItsName(@TempDir Path dir) throws Exception {
    String name = alias("kbuildx-test/load-" + run + ":1");
    EngineResponse saved = engine.engineApi("GET", "/images/" + name + "/get");
    assertThat(saved.status()).isEqualTo(200);
    Path tarball = Files.write(dir.resolve("image.tar"), saved.body());
    engine.removeImage(name);
    assertThat(api.inspect(name)).isEmpty();

    List<String> loaded = api.load(tarball);

    assertThat(loaded).containsExactly(name);
    EngineImage image = api.inspect(name).orElseThrow();
    EngineImage base = api.inspect(TestEngine.BASE_IMAGE).orElseThrow();
    assertThat(image.repoTags()).contains(name);
    assertThat(image.id()).isEqualTo(base.id()).startsWith("sha256:");
    assertThat(image.os()).isEqualTo("linux");
    assertThat(image.architecture()).isEqualTo(base.architecture()).isNotEmpty();
  }

  @Test
  void aCorruptTarballFailsWithTheEngineMessage(@TempDir Path dir) throws Exception {
    Path tarball = Files.writeString(dir.resolve("corrupt.tar"), "this is not a tar archive\n".repeat(100));

    assertThatThrownBy(() -> api.load(tarball))
        .isInstanceOf(KbuildxException.class)
        .hasMessageStartingWith("the Docker Engine at " + engine.dockerHost() + " could not load corrupt.tar: ")
        .satisfies(e -> assertThat(e.getMessage().substring(e.getMessage().lastIndexOf("corrupt.tar: ") + 13))
            .isNotBlank());
  }

  @Test
  void pushesAndReturnsTheDigestTheRegistryHolds() {
    String repository = "kbuildx-test/push-" + run;
    String name = alias(engine.registry() + "/" + repository + ":1");
    List<String> progress = new ArrayList<>();

    PushedImage pushed = api.push(name, Optional.empty(), progress::add);

    RegistryManifest manifest = engine.registryManifest(repository, "1");
    assertThat(pushed.reference()).isEqualTo(name);
    assertThat(pushed.digest()).isEqualTo(manifest.digest()).startsWith("sha256:");
    assertThat(pushed.size()).isEqualTo(manifest.body().length);
    assertThat(progress).isNotEmpty().hasSizeLessThan(20)
        .allSatisfy(line -> assertThat(line).startsWith("pushing " + name + ": "))
        .anySatisfy(line -> assertThat(line).matches(".*: (Pushed|Layer already exists|Mounted from .*)"));
    assertThat(api.inspect(name).orElseThrow().repoDigests()).contains(engine.registry() + "/" + repository
        + "@" + pushed.digest());
  }

  @Test
  void pushesWithCredentialsToARegistryThatRequiresThem() throws Exception {
    String registry = required(AUTH_REGISTRY_VARIABLE);
    String user = required(AUTH_REGISTRY_VARIABLE + "_USER");
    String password = required(AUTH_REGISTRY_VARIABLE + "_PASSWORD");
    String repository = "kbuildx-test/auth-" + run;
    String name = alias(registry + "/" + repository + ":1");

    PushedImage pushed = api.push(name, Optional.of(new RegistryCredentials(user, password)));

    HttpRequest read = HttpRequest.newBuilder(URI.create("http://" + registry + "/v2/" + repository + "/manifests/1"))
        .header("Accept", MANIFEST_TYPES)
        .header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
        .timeout(Duration.ofSeconds(30)).build();
    HttpResponse<byte[]> manifest = HttpClient.newHttpClient().send(read, HttpResponse.BodyHandlers.ofByteArray());
    assertThat(manifest.statusCode()).isEqualTo(200);
    assertThat(manifest.headers().firstValue("Docker-Content-Digest")).contains(pushed.digest());
  }

  @Test
  void aWrongPasswordFailsClearlyWithoutShowingIt() {
    String registry = required(AUTH_REGISTRY_VARIABLE);
    String user = required(AUTH_REGISTRY_VARIABLE + "_USER");
    String wrong = "wrong-" + run;
    String name = alias(registry + "/kbuildx-test/denied-" + run + ":1");
    List<String> progress = new ArrayList<>();

    assertThatThrownBy(() -> api.push(name, Optional.of(new RegistryCredentials(user, wrong)), progress::add))
        .isInstanceOf(KbuildxException.class)
        .hasMessageStartingWith("the Docker Engine at " + engine.dockerHost() + " could not push " + name + ": ")
        .hasMessageContaining("auth")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong))
        .satisfies(e -> assertThat(String.valueOf(e.getCause())).doesNotContain(wrong));
    assertThat(progress).noneSatisfy(line -> assertThat(line).contains(wrong));
  }

  @Test
  void tagsAndRemovesNames() {
    String name = "kbuildx-test/tag-" + run + ":2";
    created.add(name);

    api.tag(TestEngine.BASE_IMAGE, "kbuildx-test/tag-" + run, "2");

    assertThat(api.inspect(name).orElseThrow().repoTags()).contains(name);
    assertThat(api.remove(name)).isTrue();
    assertThat(api.inspect(name)).isEmpty();
    assertThat(api.remove(name)).isFalse();
    assertThat(engine.imageExists(TestEngine.BASE_IMAGE)).isTrue();
  }

  private static String required(String variable) {
    String value = System.getenv(variable);
    assertThat(value).as(variable + " (start the test engine: bash .ci/engine start && eval \"$(bash .ci/engine env)\")")
        .isNotBlank();
    return value;
  }
}
