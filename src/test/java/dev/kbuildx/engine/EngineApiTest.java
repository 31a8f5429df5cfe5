package dev.kbuildx.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kbuildx.KbuildxException;
import dev.kbuildx.registry.RegistryCredentials;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against a scripted engine on the loopback interface (fault injection and exact requests). */
class EngineApiTest {
  private ScriptedEngine engine;

  @BeforeEach
  void start() throws Exception {
    engine = new ScriptedEngine();
  }

  @AfterEach
  void stop() throws Exception {
    engine.close();
  }

  private EngineApi api() {
    return EngineApi.of(engine.dockerHost(), null);
  }

  @Test
  void usesTheVersionOfTheEngineWhenItIsNotNewerThanKnown() throws Exception {
    var requests = engine.answer(ScriptedEngine.ping("1.41"), ScriptedEngine.json(404, "Not Found",
        "{\"message\":\"No such image: app:1\"}"));

    assertThat(api().inspect("app:1")).isEmpty();
    List<ScriptedEngine.Request> sent = requests.get(10, TimeUnit.SECONDS);
    assertThat(sent.get(0).requestLine()).isEqualTo("GET /_ping HTTP/1.1");
    assertThat(sent.get(1).requestLine()).isEqualTo("GET /v1.41/images/app:1/json HTTP/1.1");
  }

  @Test
  void capsTheVersionOfNewerEngines() throws Exception {
    var requests = engine.answer(ScriptedEngine.ping("1.52"), ScriptedEngine.json(201, "Created", ""));

    api().tag("sha256:abc", "127.0.0.1:5000/team/app", "1.0");

    assertThat(requests.get(10, TimeUnit.SECONDS).get(1).requestLine())
        .isEqualTo("POST /v1.47/images/sha256:abc/tag?repo=127.0.0.1%3A5000%2Fteam%2Fapp&tag=1.0 HTTP/1.1");
  }

  @Test
  void readsTheImageFromInspect() throws Exception {
    engine.answer(ScriptedEngine.ping("1.41"), ScriptedEngine.json(200, "OK", "{\"Id\":\"sha256:abc\","
        + "\"RepoTags\":[\"app:1\"],\"RepoDigests\":null,\"Architecture\":\"arm64\",\"Os\":\"linux\",\"Variant\":\"v8\"}"));

    EngineImage image = api().inspect("app:1").orElseThrow();

    assertThat(image).isEqualTo(new EngineImage("sha256:abc", List.of("app:1"), List.of(), "arm64", "linux", "v8"));
  }

  @Test
  void aRefusalNamesEngineOperationAndTheEngineMessage() {
    engine.answer(ScriptedEngine.ping("1.41"),
        ScriptedEngine.json(500, "Internal Server Error", "{\"message\":\"disk full\"}"));

    assertThatThrownBy(() -> api().remove("app:1"))
        .isInstanceOf(KbuildxException.class)
        .hasMessage("the Docker Engine at " + engine.dockerHost() + " could not remove image app:1: disk full (HTTP 500)");
  }

  @Test
  void streamsTheTarballAndReturnsWhatWasLoaded(@TempDir Path dir) throws Exception {
    byte[] tarball = new byte[3 * 1024 * 1024 + 17];
    new Random(4).nextBytes(tarball);
    Path file = Files.write(dir.resolve("image.tar"), tarball);
    String loaded = "{\"stream\":\"Loaded image: app:1\\n\"}\r\n{\"stream\":\"Loaded image ID: sha256:abc\\n\"}\r\n";
    var requests = engine.answer(ScriptedEngine.ping("1.41"), ScriptedEngine.json(200, "OK", loaded));

    assertThat(api().load(file)).containsExactly("app:1", "sha256:abc");
    ScriptedEngine.Request load = requests.get(10, TimeUnit.SECONDS).get(1);
    assertThat(load.requestLine()).isEqualTo("POST /v1.41/images/load?quiet=1 HTTP/1.1");
    assertThat(load.header("Content-Type")).isEqualTo("application/x-tar");
    assertThat(load.body()).isEqualTo(tarball);
  }

  @Test
  void pushSendsTheCredentialsInTheHeaderAndReturnsTheDigest() throws Exception {
    String progress = String.join("\r\n",
        "{\"status\":\"The push refers to repository [127.0.0.1:5000/app]\"}",
        "{\"status\":\"Pushed\",\"progressDetail\":{},\"id\":\"5b0d2d635df8\"}",
        "{\"progressDetail\":{},\"aux\":{\"Tag\":\"1\",\"Digest\":\"sha256:feed\",\"Size\":527}}", "");
    var requests = engine.answer(ScriptedEngine.ping("1.41"), ScriptedEngine.json(200, "OK", progress));
    List<String> lines = new ArrayList<>();

    PushedImage pushed = api().push("127.0.0.1:5000/app:1", Optional.of(new RegistryCredentials("ci", "pw-123")),
        lines::add);

    assertThat(pushed).isEqualTo(new PushedImage("127.0.0.1:5000/app:1", "sha256:feed", 527));
    assertThat(lines).containsExactly(
        "pushing 127.0.0.1:5000/app:1: The push refers to repository [127.0.0.1:5000/app]",
        "pushing 127.0.0.1:5000/app:1: 5b0d2d635df8: Pushed");
    ScriptedEngine.Request push = requests.get(10, TimeUnit.SECONDS).get(1);
    assertThat(push.requestLine()).isEqualTo("POST /v1.41/images/127.0.0.1:5000/app/push?tag=1 HTTP/1.1");
    assertThat(new String(Base64.getUrlDecoder().decode(push.header("X-Registry-Auth")), StandardCharsets.UTF_8))
        .contains("\"username\":\"ci\"", "\"password\":\"pw-123\"", "\"serveraddress\":\"127.0.0.1:5000\"");
  }

  @Test
  void aPushWithoutTagPushesLatestOnly() throws Exception {
    var requests = engine.answer(ScriptedEngine.ping("1.41"), ScriptedEngine.json(200, "OK",
        "{\"aux\":{\"Tag\":\"latest\",\"Digest\":\"sha256:feed\",\"Size\":1}}"));

    assertThat(api().push("127.0.0.1:5000/app", Optional.empty()).reference()).isEqualTo("127.0.0.1:5000/app:latest");
    assertThat(requests.get(10, TimeUnit.SECONDS).get(1).requestLine())
        .isEqualTo("POST /v1.41/images/127.0.0.1:5000/app/push?tag=latest HTTP/1.1");
  }

  @Test
  void anErrorMessageOfThePushFailsItWithoutTheSecret() {
    engine.answer(ScriptedEngine.ping("1.41"), ScriptedEngine.json(200, "OK",
        "{\"status\":\"Preparing\",\"id\":\"5b0d\"}\r\n"
            + "{\"errorDetail\":{\"message\":\"denied: bad login ci:pw-123\"},\"error\":\"denied: bad login ci:pw-123\"}\r\n"));

    assertThatThrownBy(() -> api().push("127.0.0.1:5000/app:1", Optional.of(new RegistryCredentials("ci", "pw-123"))))
        .isInstanceOf(KbuildxException.class)
        .hasMessage("the Docker Engine at " + engine.dockerHost()
            + " could not push 127.0.0.1:5000/app:1: denied: bad login ci:(hidden)");
  }

  @Test
  void aPushWithoutDigestFails() {
    engine.answer(ScriptedEngine.ping("1.41"), ScriptedEngine.json(200, "OK", "{\"status\":\"Pushed\",\"id\":\"5b0d\"}"));

    assertThatThrownBy(() -> api().push("127.0.0.1:5000/app:1", Optional.empty()))
        .isInstanceOf(KbuildxException.class)
        .hasMessageEndingWith("could not push 127.0.0.1:5000/app:1: the engine reported no digest of the pushed manifest");
  }

  @Test
  void anEngineThatHangsUpWithinTheAnswerIsReported() {
    String message = "{\"status\":\"Pushing\",\"id\":\"a\"}\r\n";
    engine.answer(ScriptedEngine.ping("1.41"), "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(message.length()) + "\r\n" + message + "\r\n");

    assertThatThrownBy(() -> api().push("127.0.0.1:5000/app:1", Optional.empty()))
        .isInstanceOf(KbuildxException.class)
        .hasMessageContaining("could not push 127.0.0.1:5000/app:1: its answer could not be read: "
            + "the engine closed the connection before its answer was complete");
  }

  @Test
  void somethingElseThanHttpIsReported() {
    engine.answer("SSH-2.0-OpenSSH\r\n\r\n");

    assertThatThrownBy(() -> api().apiVersion())
        .isInstanceOf(KbuildxException.class)
        .hasMessageStartingWith("the Docker Engine at " + engine.dockerHost() + " could not tell its API version: ")
        .hasMessageContaining("not valid HTTP");
  }

  @Test
  void aMissingSocketIsReportedBeforeAnyRequest(@TempDir Path dir) {
    String host = "unix://" + dir.resolve("docker.sock");

    assertThatThrownBy(() -> EngineApi.of(host, null).inspect("app:1"))
        .isInstanceOf(KbuildxException.class)
        .hasMessage("the Docker Engine at " + host + " could not inspect image app:1: cannot connect: the socket does not exist");
  }

  @Test
  void aMissingTarballIsReportedWithoutAsking(@TempDir Path dir) {
    assertThatThrownBy(() -> api().load(dir.resolve("missing.tar")))
        .isInstanceOf(KbuildxException.class)
        .hasMessageContaining("cannot load missing.tar into the Docker Engine at " + engine.dockerHost())
        .hasMessageEndingWith("is not a file");
  }

  @Test
  void versionsCompareByNumber() {
    assertThat(EngineApi.compareVersions("1.9", "1.41")).isNegative();
    assertThat(EngineApi.compareVersions("1.47", "1.47")).isZero();
    assertThat(EngineApi.compareVersions("2.0", "1.47")).isPositive();
  }
}
