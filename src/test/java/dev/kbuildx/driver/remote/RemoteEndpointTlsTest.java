package dev.kbuildx.driver.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.transport.TlsFiles;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.time.Duration;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS and mutual TLS to a real grpc-java server on the loopback interface, with certificates made by keytool. */
class RemoteEndpointTlsTest {
  @TempDir
  static Path certificates;
  private static TestCertificates server;
  private static TestCertificates client;

  private final List<ManagedChannel> channels = new ArrayList<>();
  private Server daemon;

  @BeforeAll
  static void makeCertificates() throws Exception {
    server = TestCertificates.create(certificates, "daemon", "dns:localhost,ip:127.0.0.1");
    client = TestCertificates.create(certificates, "builder", "dns:builder");
  }

  @AfterEach
  void stop() throws InterruptedException {
    for (ManagedChannel channel : channels) {
      channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
    if (daemon != null) {
      daemon.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void mutualTlsWithTheDaemonsCa() throws Exception {
    int port = startDaemon(true);

    ManagedChannel channel = open("tcp://127.0.0.1:" + port,
        new TlsFiles(server.certificatePem(), client.certificatePem(), client.keyPem(), null));

    assertThat(check(channel)).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
  }

  @Test
  void serverNameReplacesTheHostInTheCertificateCheck() throws Exception {
    int port = startDaemon(false);

    ManagedChannel channel = open("tcp://127.0.0.1:" + port, new TlsFiles(server.certificatePem(), null, null, "localhost"));

    assertThat(check(channel)).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
  }

  @Test
  void anUntrustedDaemonFailsNamingTheEndpointAndTheCertificateProblem() throws Exception {
    int port = startDaemon(false);

    ManagedChannel channel = open("tcp://127.0.0.1:" + port, new TlsFiles(client.certificatePem(), null, null, null));

    assertThatThrownBy(() -> check(channel))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE))
        .hasMessageContaining("tcp://127.0.0.1:" + port)
        .hasMessageContaining("the certificate of tcp://127.0.0.1:" + port + " is not trusted by the CA in "
            + client.certificatePem());
  }

  @Test
  void aCertificateForAnotherNameIsToldToSetServerName() throws Exception {
    TestCertificates elsewhere = TestCertificates.create(certificates, "elsewhere", "dns:elsewhere.example");
    int port = startDaemon(elsewhere, false);

    ManagedChannel channel = open("tcp://127.0.0.1:" + port, new TlsFiles(elsewhere.certificatePem(), null, null, null));

    assertThatThrownBy(() -> check(channel))
        .isInstanceOf(StatusRuntimeException.class)
        .hasMessage("UNAVAILABLE: the certificate of tcp://127.0.0.1:" + port + " does not name its host. Set the"
            + " driver option servername to a name the certificate carries");
  }

  @Test
  void aDaemonThatWantsAClientCertificateSaysSo() throws Exception {
    int port = startDaemon(true);

    ManagedChannel channel = open("tcp://127.0.0.1:" + port, new TlsFiles(server.certificatePem(), null, null, null));

    assertThatThrownBy(() -> check(channel))
        .isInstanceOf(StatusRuntimeException.class)
        .hasMessage("UNAVAILABLE: tcp://127.0.0.1:" + port + " refused the client certificate (none is set). Set the"
            + " driver options cert and key to a certificate that the daemon's client CA (buildkitd --tlscacert)"
            + " issued");
  }

  @Test
  void aCertificateWithoutKeyIsRejectedBeforeConnecting() {
    TlsFiles files = new TlsFiles(server.certificatePem(), client.certificatePem(), null, null);

    assertThatThrownBy(() -> RemoteEndpoint.parse("tcp://127.0.0.1:1234", files).openChannel(Duration.ofSeconds(10)))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.setting()).isEqualTo("cert"))
        .hasMessageContaining("needs both cert and key");
  }

  @Test
  void aMissingFileIsRejectedNamingTheOption() {
    TlsFiles files = new TlsFiles(certificates.resolve("absent.pem"), null, null, null);

    assertThatThrownBy(() -> RemoteEndpoint.parse("tcp://127.0.0.1:1234", files).openChannel(Duration.ofSeconds(10)))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.setting()).isEqualTo("cacert"))
        .hasMessageContaining("absent.pem");
  }

  @Test
  void aKeyThatIsNotPemIsRejectedWithAHint() throws Exception {
    Path notPem = java.nio.file.Files.writeString(certificates.resolve("garbage-key.pem"), "not a key");
    TlsFiles files = new TlsFiles(server.certificatePem(), client.certificatePem(), notPem, null);

    assertThatThrownBy(() -> RemoteEndpoint.parse("tcp://127.0.0.1:1234", files).openChannel(Duration.ofSeconds(10)))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.setting()).isEqualTo("key"))
        .hasMessageContaining("PKCS#8");
  }

  private int startDaemon(boolean requireClientCertificate) throws Exception {
    return startDaemon(server, requireClientCertificate);
  }

  private int startDaemon(TestCertificates identity, boolean requireClientCertificate) throws Exception {
    SslContextBuilder tls = GrpcSslContexts.configure(
        SslContextBuilder.forServer(identity.key(), identity.certificate()), SslProvider.JDK);
    if (requireClientCertificate) {
      tls.trustManager(client.certificate()).clientAuth(ClientAuth.REQUIRE);
    }
    daemon = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .sslContext(tls.build())
        .addService(new HealthStatusManager().getHealthService())
        .build()
        .start();
    return daemon.getPort();
  }

  private ManagedChannel open(String endpoint, TlsFiles files) {
    ManagedChannel channel = RemoteEndpoint.parse(endpoint, files).openChannel(Duration.ofSeconds(10));
    channels.add(channel);
    return channel;
  }

  private static HealthCheckResponse.ServingStatus check(ManagedChannel channel) {
    return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
        .check(HealthCheckRequest.getDefaultInstance()).getStatus();
  }
}
