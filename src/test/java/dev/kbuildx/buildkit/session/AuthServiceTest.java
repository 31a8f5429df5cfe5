package dev.kbuildx.buildkit.session;

import dev.kbuildx.progress.CollectingLog;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kbuildx.buildkit.proto.auth.AuthGrpc;
import dev.kbuildx.buildkit.proto.auth.CredentialsRequest;
import dev.kbuildx.buildkit.proto.auth.CredentialsResponse;
import dev.kbuildx.buildkit.proto.auth.FetchTokenRequest;
import dev.kbuildx.buildkit.proto.auth.GetTokenAuthorityRequest;
import dev.kbuildx.buildkit.proto.auth.VerifyTokenAuthorityRequest;
import dev.kbuildx.registry.CredentialSource;
import dev.kbuildx.registry.CredentialsChain;
import dev.kbuildx.registry.RegistryCredentials;
import dev.kbuildx.registry.RegistryCredentialsException;
import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthServiceTest {
  private static final String SECRET = "registry-s3cret-55e1";
  private static final String TOKEN = "identity-token-0c4d";

  private final CollectingLog log = new CollectingLog();
  private LocalGrpcServer server;
  private AuthGrpc.AuthBlockingStub auth;

  @BeforeEach
  void start() throws IOException {
    CredentialsChain chain = new CredentialsChain(List.of(
        new MapSource("settings", Map.of("ghcr.io", new RegistryCredentials("alice", SECRET))),
        new MapSource("config", Map.of(
            "myregistry.azurecr.io", RegistryCredentials.identityToken(TOKEN),
            "ghcr.io", new RegistryCredentials("shadowed", "x"))),
        new MapSource("broken", Map.of())));
    server = new LocalGrpcServer(new AuthService(chain, log));
    auth = AuthGrpc.newBlockingStub(server.channel());
  }

  @AfterEach
  void stop() throws InterruptedException {
    server.stop();
  }

  @Test
  void answersCredentialsFromTheFirstSourceThatHasThem() {
    CredentialsResponse response = auth.credentials(CredentialsRequest.newBuilder().setHost("ghcr.io").build());

    assertThat(response.getUsername()).isEqualTo("alice");
    assertThat(response.getSecret()).isEqualTo(SECRET);
    assertThat(log.lines).containsExactly("DEBUG Registry credentials for ghcr.io from settings (user alice)");
  }

  @Test
  void anIdentityTokenIsASecretWithoutUserName() {
    CredentialsResponse response = auth.credentials(CredentialsRequest.newBuilder().setHost("myregistry.azurecr.io").build());

    assertThat(response.getUsername()).isEmpty();
    assertThat(response.getSecret()).isEqualTo(TOKEN);
    assertThat(log.lines).containsExactly(
        "DEBUG Registry credentials for myregistry.azurecr.io from config (identity token)");
  }

  @Test
  void anUnknownHostGetsAnEmptyAnswerNotAnError() {
    CredentialsResponse response = auth.credentials(CredentialsRequest.newBuilder().setHost("quay.io").build());

    assertThat(response).isEqualTo(CredentialsResponse.getDefaultInstance());
    assertThat(log.lines).containsExactly("DEBUG No registry credentials for quay.io; the daemon accesses it anonymously");
  }

  @Test
  void aFailingSourceFailsTheCallWithItsMessage() {
    assertThatThrownBy(() -> auth.credentials(CredentialsRequest.newBuilder().setHost("broken.example").build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
          assertThat(e.getStatus().getDescription()).isEqualTo("broken source for broken.example");
        });
    assertThat(log.lines).containsExactly("WARN Cannot look up registry credentials for broken.example: broken source for broken.example");
  }

  @Test
  void theTokenAuthorityIsUnavailableSoTheDaemonUsesTheCredentials() {
    assertUnavailable(() -> auth.getTokenAuthority(GetTokenAuthorityRequest.newBuilder()
        .setHost("ghcr.io").setSalt(ByteString.copyFromUtf8("salt")).build()));
    assertUnavailable(() -> auth.verifyTokenAuthority(VerifyTokenAuthorityRequest.newBuilder()
        .setHost("ghcr.io").setPayload(ByteString.copyFromUtf8("payload")).build()));
    assertUnavailable(() -> auth.fetchToken(FetchTokenRequest.newBuilder()
        .setClientID("buildkit-client").setHost("ghcr.io").setRealm("https://ghcr.io/token").build()));
  }

  @Test
  void secretsNeverReachTheLog() {
    auth.credentials(CredentialsRequest.newBuilder().setHost("ghcr.io").build());
    auth.credentials(CredentialsRequest.newBuilder().setHost("myregistry.azurecr.io").build());

    assertThat(String.join("\n", log.lines)).doesNotContain(SECRET).doesNotContain(TOKEN);
  }

  private static void assertUnavailable(Runnable call) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class,
        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
  }

  /** Credentials per host; "broken.example" fails as a broken config file would. */
  private record MapSource(String description, Map<String, RegistryCredentials> byHost) implements CredentialSource {
    @Override
    public Optional<RegistryCredentials> lookup(String host) {
      if (host.equals("broken.example")) {
        throw new RegistryCredentialsException("broken source for " + host);
      }
      return Optional.ofNullable(byHost.get(host));
    }
  }
}
