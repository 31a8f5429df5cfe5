package dev.kbuildx.buildkit.session;

import dev.kbuildx.progress.CollectingLog;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kbuildx.buildkit.proto.secrets.GetSecretRequest;
import dev.kbuildx.buildkit.proto.secrets.SecretsGrpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsServiceTest {
  private static final String FILE_SECRET = "file-s3cret-a81f";
  private static final String ENV_SECRET = "env-s3cret-93d0";

  @TempDir
  Path dir;

  private final Map<String, String> environment = new HashMap<>();
  private final CollectingLog log = new CollectingLog();
  private Path secretFile;
  private LocalGrpcServer server;
  private SecretsGrpc.SecretsBlockingStub secrets;

  @BeforeEach
  void start() throws IOException {
    secretFile = dir.resolve("npmrc");
    Files.writeString(secretFile, FILE_SECRET);
    environment.put("NPM_TOKEN", ENV_SECRET);
    Map<String, SecretReader> declared = Map.of(
        "npmrc", SecretReader.file(secretFile),
        "token", SecretReader.environmentVariable("NPM_TOKEN", environment::get),
        "missing-file", SecretReader.file(dir.resolve("not-there")),
        "unset", SecretReader.environmentVariable("NOT_SET", environment::get));
    server = new LocalGrpcServer(new SecretsService(declared, log));
    secrets = SecretsGrpc.newBlockingStub(server.channel());
  }

  @AfterEach
  void stop() throws InterruptedException {
    server.stop();
  }

  @Test
  void servesASecretFile() {
    assertThat(get("npmrc")).isEqualTo(FILE_SECRET);
  }

  @Test
  void servesAnEnvironmentVariable() {
    assertThat(get("token")).isEqualTo(ENV_SECRET);
  }

  @Test
  void readsAtCallTimeNotWhenDeclared() throws IOException {
    Files.writeString(secretFile, "rotated");
    environment.put("NPM_TOKEN", "changed");

    assertThat(get("npmrc")).isEqualTo("rotated");
    assertThat(get("token")).isEqualTo("changed");
  }

  @Test
  void anUnknownIdIsNotFoundNamingOnlyTheId() {
    assertThatThrownBy(() -> get("GIT_AUTH_TOKEN.github.com"))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
          assertThat(e.getStatus().getDescription()).isEqualTo("secret GIT_AUTH_TOKEN.github.com not found");
        });
  }

  @Test
  void aDeclaredSecretThatCannotBeReadFailsTheStepWithTheReason() {
    assertThatThrownBy(() -> get("missing-file"))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
          assertThat(e.getStatus().getDescription())
              .isEqualTo("secret missing-file: the secret file " + dir.resolve("not-there") + " does not exist");
        });
    assertThatThrownBy(() -> get("unset"))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getDescription())
            .isEqualTo("secret unset: the environment variable NOT_SET of the secret is not set"));
  }

  @Test
  void refusesSecretsLargerThanBuildKitAccepts() throws IOException {
    Files.write(secretFile, new byte[SecretReader.MAX_SIZE + 1]);

    assertThatThrownBy(() -> get("npmrc"))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getDescription())
            .endsWith("is larger than 500 KiB"));
  }

  @Test
  void acceptsASecretOfExactlyTheLimit() throws IOException {
    Files.write(secretFile, new byte[SecretReader.MAX_SIZE]);

    assertThat(secrets.getSecret(GetSecretRequest.newBuilder().setID("npmrc").build()).getData().size())
        .isEqualTo(SecretReader.MAX_SIZE);
  }

  @Test
  void logsWhichSecretWasSentButNotItsContent() {
    get("npmrc");
    get("token");

    assertThat(log.lines).containsExactly(
        "DEBUG Secret npmrc sent from file " + secretFile + " (" + FILE_SECRET.length() + " bytes)",
        "DEBUG Secret token sent from environment variable NPM_TOKEN (" + ENV_SECRET.length() + " bytes)");
    assertThat(String.join("\n", log.lines)).doesNotContain(FILE_SECRET).doesNotContain(ENV_SECRET);
  }

  @Test
  void sourcesDoNotShowTheirValue() {
    assertThat(SecretReader.environmentVariable("NPM_TOKEN", environment::get).toString())
        .contains("NPM_TOKEN").doesNotContain(ENV_SECRET);
  }

  @Test
  void servesTheSecretsABuildDeclares() throws IOException, InterruptedException {
    LocalGrpcServer declared = new LocalGrpcServer(SecretsService.forBuild(
        Map.of("npmrc", new SecretSource.FromFile(secretFile), "path", new SecretSource.FromEnvironment("PATH")), log));
    try {
      SecretsGrpc.SecretsBlockingStub stub = SecretsGrpc.newBlockingStub(declared.channel());

      assertThat(stub.getSecret(GetSecretRequest.newBuilder().setID("npmrc").build()).getData()
          .toString(StandardCharsets.UTF_8)).isEqualTo(FILE_SECRET);
      assertThat(stub.getSecret(GetSecretRequest.newBuilder().setID("path").build()).getData()
          .toString(StandardCharsets.UTF_8)).isEqualTo(System.getenv("PATH"));
    } finally {
      declared.stop();
    }
  }

  @Test
  void servesAHeldValueAndLogsOnlyItsOrigin() throws IOException, InterruptedException {
    String held = "held-s3cret-4c2e";
    SecretSource source = new SecretSource.FromValue("settings.xml server npm-registry",
        held.getBytes(StandardCharsets.UTF_8));
    LocalGrpcServer declared = new LocalGrpcServer(SecretsService.forBuild(Map.of("npmrc", source), log));
    try {
      SecretsGrpc.SecretsBlockingStub stub = SecretsGrpc.newBlockingStub(declared.channel());

      assertThat(stub.getSecret(GetSecretRequest.newBuilder().setID("npmrc").build()).getData()
          .toString(StandardCharsets.UTF_8)).isEqualTo(held);
    } finally {
      declared.stop();
    }
    assertThat(log.lines).containsExactly(
        "DEBUG Secret npmrc sent from settings.xml server npm-registry (" + held.length() + " bytes)");
    assertThat(source.toString()).doesNotContain(held);
    assertThat(SecretReader.of(source).toString()).doesNotContain(held);
  }

  private String get(String id) {
    return secrets.getSecret(GetSecretRequest.newBuilder().setID(id).build()).getData().toString(StandardCharsets.UTF_8);
  }
}
