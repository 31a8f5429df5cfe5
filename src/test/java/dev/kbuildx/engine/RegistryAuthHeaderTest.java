package dev.kbuildx.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kbuildx.registry.RegistryCredentials;
import java.io.IOException;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegistryAuthHeaderTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode decode(String header) throws IOException {
    return JSON.readTree(Base64.getUrlDecoder().decode(header));
  }

  @Test
  void carriesUserNameAndPasswordForTheRegistry() throws IOException {
    JsonNode auth = decode(RegistryAuthHeader.value(
        Optional.of(new RegistryCredentials("ci", "s3cr3t?>>")), "registry.example.com:5000"));

    assertThat(auth.get("username").asText()).isEqualTo("ci");
    assertThat(auth.get("password").asText()).isEqualTo("s3cr3t?>>");
    assertThat(auth.get("serveraddress").asText()).isEqualTo("registry.example.com:5000");
    assertThat(auth.has("identitytoken")).isFalse();
  }

  @Test
  void encodesWithTheUrlAlphabet() {
    String header = RegistryAuthHeader.value(Optional.of(new RegistryCredentials("ci", "???>>>~~~")), "r.example");

    assertThat(header).doesNotContain("+", "/");
  }

  @Test
  void sendsAnIdentityTokenAsSuch() throws IOException {
    JsonNode auth = decode(RegistryAuthHeader.value(Optional.of(RegistryCredentials.identityToken("refresh")),
        "docker.io"));

    assertThat(auth.get("identitytoken").asText()).isEqualTo("refresh");
    assertThat(auth.has("username")).isFalse();
    assertThat(auth.has("password")).isFalse();
    assertThat(auth.get("serveraddress").asText()).isEqualTo("https://index.docker.io/v1/");
  }

  @Test
  void withoutCredentialsTheHeaderIsAnEmptyObject() throws IOException {
    JsonNode auth = decode(RegistryAuthHeader.value(Optional.empty(), "127.0.0.1:5000"));

    assertThat(auth.isObject()).isTrue();
    assertThat(auth.size()).isZero();
  }
}
