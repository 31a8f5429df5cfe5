package dev.kbuildx.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kbuildx.KbuildxException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Gets Bearer tokens from the token service a registry's challenge names (the distribution token
 * spec). User name and password go to it as Basic auth on a GET; an identity token (the refresh
 * token {@code docker login} stores) is exchanged with the OAuth2 form POST
 * {@code grant_type=refresh_token}, as docker does. Without credentials the token is anonymous.
 */
final class TokenService {

  /** The client id the OAuth2 exchange asks for; token services only log it. */
  static final String CLIENT_ID = "kbuildx";

  private final HostTransports transports;
  private final Duration timeout;

  /** @param transports the token service is reached with the trust its host's registry config gives */
  TokenService(HostTransports transports, Duration timeout) {
    this.transports = transports;
    this.timeout = timeout;
  }

  /**
   * A token for {@code scopes} on {@code registryHost}. Errors name the realm without its query,
   * the scopes and the status; never a credential or token.
   */
  String fetch(AuthChallenge challenge, String registryHost, List<String> scopes,
      Optional<RegistryCredentials> credentials, String credentialsOrigin) {
    URI realm = realm(challenge, registryHost);
    String service = challenge.parameter("service").orElse("");
    HttpRequest request = credentials.filter(RegistryCredentials::isIdentityToken)
        .map(identity -> refreshTokenGrant(realm, service, scopes, identity))
        .orElseGet(() -> tokenGet(realm, service, scopes, credentials));
    HttpResponse<byte[]> response;
    try {
      response = transports.client(realm).send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new KbuildxException("cannot get a token for " + registryHost + " from its token service "
          + shown(realm) + ": " + RegistryClient.describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KbuildxException("interrupted while getting a token for " + registryHost);
    }
    if (response.statusCode() != 200) {
      String error = RegistryErrorBody.parse(response.body()).map(body -> " (" + body.text() + ")").orElse("");
      String hint = response.statusCode() == 401 || response.statusCode() == 403
          ? credentials.isPresent()
              ? "; check the credentials for " + registryHost + " from " + credentialsOrigin
              : "; no credentials for " + registryHost + " were found in " + credentialsOrigin
          : "";
      throw new RegistryException("the token service " + shown(realm) + " of " + registryHost
          + " refused a token for " + String.join(" ", scopes) + ": HTTP " + response.statusCode() + error + hint,
          response.statusCode(), RegistryErrorBody.parse(response.body()).map(RegistryErrorBody::code).orElse(null));
    }
    JsonNode answer = RegistryJson.read(response.body(), "the answer of the token service " + shown(realm));
    String token = answer.path("token").asText("");
    if (token.isEmpty()) {
      token = answer.path("access_token").asText("");
    }
    if (token.isEmpty()) {
      throw new KbuildxException("the token service " + shown(realm) + " of " + registryHost + " answered without a token");
    }
    return token;
  }

  private static URI realm(AuthChallenge challenge, String registryHost) {
    String realm = challenge.parameter("realm").orElseThrow(() -> new KbuildxException(
        "the registry " + registryHost + " asks for a Bearer token but names no token service (realm)"));
    try {
      URI uri = URI.create(realm);
      if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())
          || uri.getHost() == null) {
        throw new IllegalArgumentException("not an http(s) URL");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new KbuildxException("the registry " + registryHost + " names a token service that is not an http(s) URL");
    }
  }

  private HttpRequest tokenGet(URI realm, String service, List<String> scopes, Optional<RegistryCredentials> credentials) {
    List<String> query = new ArrayList<>();
    if (!service.isEmpty()) {
      query.add("service=" + encode(service));
    }
    scopes.forEach(scope -> query.add("scope=" + encode(scope)));
    String existing = realm.getRawQuery();
    String separator = existing == null || existing.isEmpty() ? "?" : "&";
    URI uri = URI.create(realm + (query.isEmpty() ? "" : separator + String.join("&", query)));
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET();
    credentials.ifPresent(basic -> request.header("Authorization", RegistryClient.basicAuthorization(basic)));
    return request.build();
  }

  private HttpRequest refreshTokenGrant(URI realm, String service, List<String> scopes, RegistryCredentials identity) {
    String form = "grant_type=refresh_token"
        + "&service=" + encode(service)
        + "&scope=" + encode(String.join(" ", scopes))
        + "&client_id=" + encode(CLIENT_ID)
        + "&refresh_token=" + encode(identity.secret());
    return HttpRequest.newBuilder(realm).timeout(timeout)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
        .build();
  }

  /** The realm without user info and query, which could carry something meant only for the token service. */
  private static String shown(URI realm) {
    String port = realm.getPort() < 0 ? "" : ":" + realm.getPort();
    return realm.getScheme() + "://" + realm.getHost() + port + (realm.getRawPath() == null ? "" : realm.getRawPath());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
