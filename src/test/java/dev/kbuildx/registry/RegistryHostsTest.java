package dev.kbuildx.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RegistryHostsTest {

  @ParameterizedTest
  @CsvSource({
      "docker.io, docker.io",
      "index.docker.io, docker.io",
      "registry-1.docker.io, docker.io",
      "https://index.docker.io/v1/, docker.io",
      "Index.Docker.IO, docker.io",
      "ghcr.io, ghcr.io",
      "https://ghcr.io, ghcr.io",
      "http://registry.example.com/v2/, registry.example.com",
      "registry.example.com/v1/, registry.example.com",
      "localhost:5000, localhost:5000",
      "https://localhost:5000/v2/, localhost:5000",
  })
  void normalizesHostsAndUrlsAsDockerDoes(String hostOrUrl, String expected) {
    assertThat(RegistryHosts.normalize(hostOrUrl)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
      "localhost:5000, localhost",
      "ghcr.io, ghcr.io",
      "'[::1]:5000', '[::1]'",
      "'[::1]', '[::1]'",
      "'::1', '::1'",
      "host:notaport, host:notaport",
  })
  void stripsOnlyANumericPort(String host, String expected) {
    assertThat(RegistryHosts.withoutPort(host)).isEqualTo(expected);
  }

  @Test
  void dockerHubIsStoredUnderTheIndexUrl() {
    assertThat(RegistryHosts.dockerConfigKey("registry-1.docker.io")).isEqualTo("https://index.docker.io/v1/");
    assertThat(RegistryHosts.dockerConfigKey("docker.io")).isEqualTo("https://index.docker.io/v1/");
    assertThat(RegistryHosts.dockerConfigKey("ghcr.io")).isEqualTo("ghcr.io");
    assertThat(RegistryHosts.isDockerHub("registry-1.docker.io")).isTrue();
    assertThat(RegistryHosts.isDockerHub("ghcr.io")).isFalse();
  }

  @Test
  void settingsServerIdsTryThePortFirst() {
    assertThat(RegistryHosts.serverIds("localhost:5000")).containsExactly("localhost:5000", "localhost");
    assertThat(RegistryHosts.serverIds("ghcr.io")).containsExactly("ghcr.io");
  }

  @Test
  void settingsServerIdsForDockerHubAreItsAliases() {
    assertThat(RegistryHosts.serverIds("registry-1.docker.io"))
        .containsExactly("docker.io", "index.docker.io", "registry-1.docker.io", "https://index.docker.io/v1/");
  }
}
