package dev.kbuildx.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kbuildx.InvalidSettingException;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineEndpointTest {
  @Test
  void aUnixSocketIsReachedByItsPath() {
    EngineEndpoint endpoint = EngineEndpoint.fromEnvironment(Map.of("DOCKER_HOST", "unix:///run/user/docker.sock"));

    assertThat(endpoint.isUnixSocket()).isTrue();
    assertThat(endpoint.address()).isEqualTo(UnixDomainSocketAddress.of(Path.of("/run/user/docker.sock")));
    assertThat(endpoint.hostHeader()).isEqualTo("docker");
  }

  @Test
  void withoutDockerHostTheDefaultSocketIsUsed() {
    assertThat(EngineEndpoint.fromEnvironment(Map.of()).dockerHost()).isEqualTo("unix:///var/run/docker.sock");
  }

  @Test
  void tcpPortsDefaultLikeTheDockerCli(@org.junit.jupiter.api.io.TempDir Path certs) {
    EngineEndpoint plain = EngineEndpoint.fromEnvironment(Map.of("DOCKER_HOST", "tcp://[::1]"));
    EngineEndpoint tls = EngineEndpoint.fromEnvironment(Map.of("DOCKER_HOST", "tcp://engine.example",
        "DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", certs.toString()));

    assertThat(plain.port()).isEqualTo(2375);
    assertThat(plain.hostHeader()).isEqualTo("[::1]:2375");
    assertThat(((InetSocketAddress) plain.address()).getAddress().isLoopbackAddress()).isTrue();
    assertThat(tls.port()).isEqualTo(2376);
    assertThat(tls.tls().caCert()).isEqualTo(certs.resolve("ca.pem"));
    assertThat(tls.tls().cert()).isEqualTo(certs.resolve("cert.pem"));
    assertThat(tls.tls().key()).isEqualTo(certs.resolve("key.pem"));
  }

  @Test
  void otherSchemesAreRefusedNamingDockerHost() {
    assertThatThrownBy(() -> EngineEndpoint.of("ssh://me@engine", null))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("DOCKER_HOST")
        .hasMessageContaining("unix:///path/to/docker.sock or tcp://host[:port]");
  }

  @Test
  void tlsOnAUnixSocketIsRefused() {
    assertThatThrownBy(() -> EngineEndpoint.fromEnvironment(
        Map.of("DOCKER_HOST", "unix:///var/run/docker.sock", "DOCKER_TLS_VERIFY", "1")))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("TLS applies to tcp:// engines only");
  }
}
