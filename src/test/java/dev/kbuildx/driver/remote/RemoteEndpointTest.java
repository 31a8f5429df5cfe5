package dev.kbuildx.driver.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.transport.TcpConnector;
import dev.kbuildx.transport.TlsFiles;
import dev.kbuildx.transport.UnixSocketConnector;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RemoteEndpointTest {
  @ParameterizedTest
  @CsvSource({
      "tcp://127.0.0.1:1234, tcp://127.0.0.1:1234",
      "tcp://buildkitd.example:1234/, tcp://buildkitd.example:1234",
      "tcp://[::1]:1234, tcp://[::1]:1234",
      "unix:///run/buildkit/buildkitd.sock, unix:///run/buildkit/buildkitd.sock"})
  void acceptsTcpAndUnixAddresses(String value, String endpoint) {
    assertThat(RemoteEndpoint.parse(value).connector().endpoint()).isEqualTo(endpoint);
  }

  @Test
  void aTcpAddressConnectsToItsHostAndPort() {
    TcpConnector tcp = (TcpConnector) RemoteEndpoint.parse("tcp://[::1]:1234").connector();

    assertThat(tcp.host()).isEqualTo("::1");
    assertThat(tcp.port()).isEqualTo(1234);
  }

  @Test
  void aUnixAddressConnectsToItsSocket() {
    UnixSocketConnector unix = (UnixSocketConnector) RemoteEndpoint.parse("unix:///run/buildkit/buildkitd.sock").connector();

    assertThat(unix.socket()).isEqualTo(Path.of("/run/buildkit/buildkitd.sock"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "tcp://buildkitd.example | a port number is needed",
      "tcp://:1234 | a host name or IP address is needed",
      "tcp://user@buildkitd.example:1234 | a host name or IP address is needed",
      "tcp://buildkitd.example:1234/path | no path or query",
      "tcp://buildkitd.example:1234?x=1 | no path or query",
      "unix://buildkitd.sock | must be absolute",
      "unix:// | must be absolute",
      "docker-container://buildx_buildkit | the scheme docker-container:// is not supported",
      "kube-pod://buildkitd-0 | the scheme kube-pod:// is not supported",
      "ssh://me@host | the scheme ssh:// is not supported",
      "buildkitd.example:1234 | use tcp://host:port or unix:///"})
  void rejectsOtherAddressesSayingWhatIsAccepted(String value, String reason) {
    assertThatThrownBy(() -> RemoteEndpoint.parse(value))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
          assertThat(e.setting()).isEqualTo("endpoint");
          assertThat(e.value()).isEqualTo(value);
        })
        .hasMessageContaining(reason)
        .hasMessageContaining("tcp://host:port or unix:///");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = " ")
  void rejectsAMissingAddress(String value) {
    assertThatThrownBy(() -> RemoteEndpoint.parse(value))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("tcp://host:port or unix:///");
  }

  @Test
  void rejectsTlsFilesForAUnixSocket() {
    TlsFiles tls = new TlsFiles(Path.of("ca.pem"), null, null, null);

    assertThatThrownBy(() -> RemoteEndpoint.parse("unix:///run/buildkit/buildkitd.sock", tls))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("only be used with tcp://");
  }
}
