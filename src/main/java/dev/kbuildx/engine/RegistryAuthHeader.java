package dev.kbuildx.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kbuildx.registry.ImageReference;
import dev.kbuildx.registry.RegistryCredentials;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Optional;

/**
 * The {@code X-Registry-Auth} header of a push: the credentials as base64url JSON. The engine
 * wants the header even without credentials (then {@code {}}). Its value carries the secret, so
 * it is only ever put on the wire.
 */
final class RegistryAuthHeader {
  static final String NAME = "X-Registry-Auth";
  /** The server address the Docker CLI uses for Docker Hub credentials. */
  private static final String DOCKER_HUB_ADDRESS = "https://index.docker.io/v1/";
  private static final ObjectMapper JSON = new ObjectMapper();

  private RegistryAuthHeader() {}

  static String value(Optional<RegistryCredentials> credentials, String registry) {
    ObjectNode auth = JSON.createObjectNode();
    credentials.ifPresent(found -> {
      if (found.isIdentityToken()) {
        auth.put("identitytoken", found.secret());
      } else {
        auth.put("username", found.username());
        auth.put("password", found.secret());
      }
      auth.put("serveraddress", registry.equals(ImageReference.DEFAULT_DOMAIN) ? DOCKER_HUB_ADDRESS : registry);
    });
    try {
      return Base64.getUrlEncoder().encodeToString(JSON.writeValueAsBytes(auth));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("credentials could not be encoded as JSON", e);
    }
  }
}
