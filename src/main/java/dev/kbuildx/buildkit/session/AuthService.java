package dev.kbuildx.buildkit.session;

import dev.kbuildx.KbuildxException;
import dev.kbuildx.buildkit.proto.auth.AuthGrpc;
import dev.kbuildx.buildkit.proto.auth.CredentialsRequest;
import dev.kbuildx.buildkit.proto.auth.CredentialsResponse;
import dev.kbuildx.buildkit.proto.auth.FetchTokenRequest;
import dev.kbuildx.buildkit.proto.auth.FetchTokenResponse;
import dev.kbuildx.buildkit.proto.auth.GetTokenAuthorityRequest;
import dev.kbuildx.buildkit.proto.auth.GetTokenAuthorityResponse;
import dev.kbuildx.buildkit.proto.auth.VerifyTokenAuthorityRequest;
import dev.kbuildx.buildkit.proto.auth.VerifyTokenAuthorityResponse;
import dev.kbuildx.progress.ProgressLog;
import dev.kbuildx.registry.CredentialsChain;
import dev.kbuildx.registry.RegistryCredentials;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The session's Auth service: hands the daemon registry credentials from the chain, so it can pull
 * and push. The client mints no tokens itself: the token-authority calls answer
 * {@code UNAVAILABLE}, on which the daemon does the registry's token exchange with the credentials.
 */
public final class AuthService extends AuthGrpc.AuthImplBase {

  private static final Status NO_TOKEN_AUTHORITY =
      Status.UNAVAILABLE.withDescription("this client does not act as a token authority");

  private final CredentialsChain chain;
  private final ProgressLog log;
  /** Per host the daemon asked for, where its credentials came from; in the order asked. */
  private final Map<String, String> origins = Collections.synchronizedMap(new LinkedHashMap<>());

  public AuthService(CredentialsChain chain, ProgressLog log) {
    this.chain = chain;
    this.log = log;
  }

  /** Unknown hosts get an empty answer, which the daemon treats as anonymous access. */
  @Override
  public void credentials(CredentialsRequest request, StreamObserver<CredentialsResponse> responseObserver) {
    String host = request.getHost();
    Optional<CredentialsChain.Match> match;
    try {
      match = chain.find(host);
    } catch (KbuildxException e) {
      // The daemon fails the pull or push with this status; the message is safe to show.
      log.warn("Cannot look up registry credentials for " + host + ": " + e.getMessage());
      responseObserver.onError(Status.FAILED_PRECONDITION.withDescription(e.getMessage()).asRuntimeException());
      return;
    }
    origins.put(host, chain.origin(host, match));
    CredentialsResponse.Builder response = CredentialsResponse.newBuilder();
    if (match.isPresent()) {
      RegistryCredentials credentials = match.get().credentials();
      log.debug("Registry credentials for " + host + " from " + match.get().source().description()
          + (credentials.isIdentityToken() ? " (identity token)" : " (user " + credentials.username() + ")"));
      // BuildKit's convention: an identity token is a secret without user name.
      response.setUsername(credentials.isIdentityToken() ? "" : credentials.username());
      response.setSecret(credentials.secret());
    } else {
      log.debug("No registry credentials for " + host + "; the daemon accesses it anonymously");
    }
    responseObserver.onNext(response.build());
    responseObserver.onCompleted();
  }

  /**
   * Where the credentials the daemon asked for came from, such as {@code credentials for ghcr.io: from
   * Maven settings.xml servers}, joined by {@code ; }; empty when the daemon asked for none.
   */
  public String credentialOrigins() {
    synchronized (origins) {
      return String.join("; ", origins.values());
    }
  }

  @Override
  public void fetchToken(FetchTokenRequest request, StreamObserver<FetchTokenResponse> responseObserver) {
    responseObserver.onError(NO_TOKEN_AUTHORITY.asRuntimeException());
  }

  @Override
  public void getTokenAuthority(GetTokenAuthorityRequest request,
      StreamObserver<GetTokenAuthorityResponse> responseObserver) {
    responseObserver.onError(NO_TOKEN_AUTHORITY.asRuntimeException());
  }

  @Override
  public void verifyTokenAuthority(VerifyTokenAuthorityRequest request,
      StreamObserver<VerifyTokenAuthorityResponse> responseObserver) {
    responseObserver.onError(NO_TOKEN_AUTHORITY.asRuntimeException());
  }
}
