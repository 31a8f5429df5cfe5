package dev.kbuildx.buildkit.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.buildkit.DockerfileBuild;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshAgentSourceTest {
  @TempDir
  Path base;

  private final Map<String, String> environment = new HashMap<>();
  private ServerSocketChannel agent;
  private Path socket;

  @BeforeEach
  void agentSocket() throws IOException {
    socket = base.resolve("agent.sock");
    agent = ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(socket));
  }

  @AfterEach
  void close() throws IOException {
    agent.close();
  }

  private SshAgentSource.Declared parse(String spec) {
    return SshAgentSource.parse(spec, base, environment::get);
  }

  @Test
  void defaultAndABareIdForwardTheAgentOfSshAuthSock() {
    environment.put("SSH_AUTH_SOCK", socket.toString());

    assertThat(parse("default")).isEqualTo(new SshAgentSource.Declared("default", new SshAgentSource.AgentSocket(socket)));
    assertThat(parse("github")).isEqualTo(new SshAgentSource.Declared("github", new SshAgentSource.AgentSocket(socket)));
    assertThat(parse("=")).isEqualTo(new SshAgentSource.Declared("default", new SshAgentSource.AgentSocket(socket)));
  }

  @Test
  void aSocketPathIsThatAgentAndFilesAreKeysResolvedAgainstTheBaseDirectory() throws Exception {
    TestSshKeys.write(base.resolve("deploy"), TestSshKeys.ed25519(), "deploy");
    Files.createDirectories(base.resolve("keys"));
    TestSshKeys.write(base.resolve("keys/ci"), TestSshKeys.rsa(), "ci");

    assertThat(parse("work=" + socket)).isEqualTo(new SshAgentSource.Declared("work", new SshAgentSource.AgentSocket(socket)));
    assertThat(parse(" git = deploy , keys/ci ")).isEqualTo(new SshAgentSource.Declared("git",
        new SshAgentSource.KeyFiles(List.of(base.resolve("deploy"), base.resolve("keys/ci")))));
  }

  @Test
  void eachProblemNamesTheSettingTheValueAndWhatIsAccepted() throws Exception {
    Path encrypted = base.resolve("id_ed25519");
    TestSshKeys.writeEncrypted(encrypted, TestSshKeys.ed25519());
    TestSshKeys.write(base.resolve("deploy"), TestSshKeys.ed25519(), "deploy");

    assertInvalid("", "a value is required; " + SshAgentSource.ACCEPTED);
    assertInvalid("default", "SSH_AUTH_SOCK is not set, so there is no ssh-agent to forward; start one, or give key"
        + " files: " + SshAgentSource.ACCEPTED);
    assertInvalid("git=missing", base.resolve("missing") + " does not exist; " + SshAgentSource.ACCEPTED);
    assertInvalid("git=.", base + " is a directory; " + SshAgentSource.ACCEPTED);
    assertInvalid("git=deploy," + socket,
        "an id is served either by one agent socket or by key files, not by several paths with a socket");
    assertInvalid("git=id_ed25519", "the SSH key file " + encrypted + " is protected by a passphrase, which a build"
        + " cannot ask for; add it to your ssh-agent (ssh-add " + encrypted + ") and forward the agent instead"
        + " (ssh: default)");
    environment.put("SSH_AUTH_SOCK", base.resolve("stale.sock").toString());
    assertInvalid("default", "SSH_AUTH_SOCK names " + base.resolve("stale.sock")
        + ", which does not exist; is the ssh-agent running?");
  }

  @Test
  void theBuildRefusesAnIdDeclaredTwice() throws Exception {
    Files.writeString(base.resolve("Dockerfile"), "FROM scratch\n");
    TestSshKeys.write(base.resolve("deploy"), TestSshKeys.ed25519(), "deploy");
    DockerfileBuild.Builder builder = DockerfileBuild.builder(base).ssh("git=deploy");

    assertThatThrownBy(() -> builder.ssh("git=" + socket))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
          assertThat(e.setting()).isEqualTo("ssh");
          assertThat(e.value()).isEqualTo("git=" + socket);
          assertThat(e.accepted()).isEqualTo("the id git is already declared");
        });
    assertThat(builder.ssh("default", new SshAgentSource.AgentSocket(socket)).build().ssh())
        .containsOnlyKeys("git", "default");
  }

  private void assertInvalid(String spec, String accepted) {
    assertThatThrownBy(() -> parse(spec)).isInstanceOfSatisfying(InvalidSettingException.class, e -> {
      assertThat(e.setting()).isEqualTo("ssh");
      assertThat(e.value()).isEqualTo(spec.trim());
      assertThat(e.accepted()).isEqualTo(accepted);
    });
  }
}
