package dev.kbuildx.driver.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.transport.ByteStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The upgrade handshake against a scripted engine on the loopback interface (fault injection). */
class DockerEngineConnectorTest {
  private ServerSocket engine;

  @BeforeEach
  void listen() throws IOException {
    engine = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
  }

  @AfterEach
  void close() throws IOException {
    engine.close();
  }

  @Test
  void sendsTheUpgradeRequestAndKeepsTheBytesThatFollowTheAnswer() throws Exception {
    CompletableFuture<String> request = answerOnce(
        "HTTP/1.1 101 UPGRADED\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\nh2-bytes");

    try (ByteStream stream = connector().open()) {
      assertThat(new String(stream.input().readNBytes(8), StandardCharsets.US_ASCII)).isEqualTo("h2-bytes");
    }
    assertThat(request.get(10, TimeUnit.SECONDS))
        .startsWith("POST /grpc HTTP/1.1\r\n")
        .contains("\r\nConnection: Upgrade\r\n", "\r\nUpgrade: h2c\r\n")
        .endsWith("\r\n\r\n");
  }

  @Test
  void aRefusalNamesTheEngineAndGivesItsMessage() {
    String body = "{\"message\":\"page not found\"}";
    answerOnce("HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
        + "\r\n\r\n" + body);

    assertThatThrownBy(() -> connector().open())
        .isInstanceOf(IOException.class)
        .hasMessage("the Docker Engine at tcp://127.0.0.1:" + engine.getLocalPort()
            + " refused POST /grpc: 404 Not Found (page not found)");
  }

  @Test
  void anEngineThatHangsUpIsReported() {
    answerOnce("");

    assertThatThrownBy(() -> connector().open())
        .isInstanceOf(IOException.class)
        .hasMessageContaining("closed the connection before answering the upgrade request");
  }

  @Test
  void somethingElseThanHttpIsReported() {
    answerOnce("SSH-2.0-OpenSSH\r\n\r\n");

    assertThatThrownBy(() -> connector().open())
        .isInstanceOf(IOException.class)
        .hasMessageContaining("did not answer with HTTP: SSH-2.0-OpenSSH");
  }

  @Test
  void theDefaultEngineIsTheStandardSocket() {
    assertThat(DockerEngineConnector.fromEnvironment(Map.of()).endpoint()).isEqualTo("unix:///var/run/docker.sock");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ssh://me@host", "npipe:////./pipe/docker_engine", "fd://", "unix://docker.sock", "tcp://"})
  void otherEngineAddressesAreRejected(String dockerHost) {
    assertThatThrownBy(() -> DockerEngineConnector.fromEnvironment(Map.of("DOCKER_HOST", dockerHost)))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.setting()).isEqualTo("DOCKER_HOST"))
        .hasMessageContaining(dockerHost);
  }

  private DockerEngineConnector connector() {
    return DockerEngineConnector.fromEnvironment(Map.of("DOCKER_HOST", "tcp://127.0.0.1:" + engine.getLocalPort()));
  }

  /** Accepts one connection, reads the request head, writes the answer and hangs up; yields the request. */
  private CompletableFuture<String> answerOnce(String answer) {
    return CompletableFuture.supplyAsync(() -> {
      try (Socket client = engine.accept()) {
        String request = readHead(client.getInputStream());
        OutputStream out = client.getOutputStream();
        out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        client.shutdownOutput();
        client.getInputStream().readAllBytes();
        return request;
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }
}
