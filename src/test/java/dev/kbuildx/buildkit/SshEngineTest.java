package dev.kbuildx.buildkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kbuildx.buildkit.session.TestSshKeys;
import dev.kbuildx.engine.TestEngine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * SSH agents served by the session to {@code RUN --mount=type=ssh} of the engine's built-in
 * Dockerfile frontend. The busybox base has no tool that speaks to a Unix socket, so the RUN step
 * borrows this machine's perl (Debian's essential perl-base) with its libraries, started through
 * their dynamic loader: the engine runs on this machine, so they fit its architecture.
 */
class SshEngineTest extends EngineBuildTest {
  private static final String CLIENT = "agent-client.pl";

  /** Makes each run's steps new to the cache, which does not know which keys an agent holds. */
  private final String runId = UUID.randomUUID().toString().replace("-", "").substring(0, 12);

  @Test
  void aRunStepListsAndSignsWithTheKeyOfAKeyFile() throws Exception {
    TestSshKeys.Generated key = TestSshKeys.ed25519();
    Path keyFile = dir.resolve("id_ed25519");
    TestSshKeys.write(keyFile, key, "kbuildx-test");
    Path context = agentClientContext("--mount=type=ssh,required");
    Path out = dir.resolve("out");

    solver.solve(DockerfileBuild.builder(context).network(TestEngine.BUILD_NETWORK).ssh("default=" + keyFile)
        .output("type=local,dest=" + out).build(), "");

    List<String> answers = Files.readAllLines(out.resolve("answers"));
    ByteBuffer identities = ByteBuffer.wrap(HexFormat.of().parseHex(answers.get(0)));
    assertThat(identities.get()).isEqualTo((byte) 12);
    assertThat(identities.getInt()).isEqualTo(1);
    assertThat(string(identities)).isEqualTo(key.publicKeyBlob());
    assertThat(new String(string(identities), StandardCharsets.UTF_8)).isEqualTo("kbuildx-test");
    ByteBuffer signed = ByteBuffer.wrap(HexFormat.of().parseHex(answers.get(1)));
    assertThat(signed.get()).isEqualTo((byte) 14);
    ByteBuffer signature = ByteBuffer.wrap(string(signed));
    assertThat(new String(string(signature), StandardCharsets.US_ASCII)).isEqualTo("ssh-ed25519");
    Signature verifier = Signature.getInstance("Ed25519");
    verifier.initVerify(key.pair().getPublic());
    verifier.update("kbuildx".getBytes(StandardCharsets.US_ASCII));
    assertThat(verifier.verify(string(signature))).isTrue();
  }

  @Test
  void aMountOfAnUndeclaredIdFailsTheBuildNamingIt() throws Exception {
    Path keyFile = dir.resolve("id_ed25519");
    TestSshKeys.write(keyFile, TestSshKeys.ed25519(), "kbuildx-test");
    Path context = dir.resolve("context");
    Files.createDirectories(context);
    Files.writeString(context.resolve("Dockerfile"), "FROM " + TestEngine.BASE_IMAGE + "\n"
        + "RUN --mount=type=ssh,id=gitlab,required echo " + runId + "\n");

    assertThatThrownBy(() -> solver.solve(DockerfileBuild.builder(context).network(TestEngine.BUILD_NETWORK)
        .ssh("default=" + keyFile).build(), ""))
        .isInstanceOf(BuildFailedException.class)
        .hasMessageContaining("the build uses SSH agent gitlab but the ssh setting does not declare it");
  }

  /** A context whose RUN step, with the given mount, writes the agent's answers to {@code /answers}. */
  private Path agentClientContext(String mount) throws IOException, InterruptedException {
    Path context = dir.resolve("context");
    Path tools = context.resolve("tools");
    Files.createDirectories(tools);
    Path perl = onPath("perl");
    Files.copy(perl, tools.resolve("perl"));
    String loader = null;
    for (Path library : sharedLibraries(perl)) {
      Files.copy(library, tools.resolve(library.getFileName().toString()));
      if (library.getFileName().toString().startsWith("ld-")) {
        loader = library.getFileName().toString();
      }
    }
    assertThat(loader).as("the dynamic loader of " + perl).isNotNull();
    try (InputStream client = Objects.requireNonNull(getClass().getResourceAsStream(CLIENT), CLIENT)) {
      Files.copy(client, tools.resolve(CLIENT));
    }
    Files.writeString(context.resolve("Dockerfile"), "FROM " + TestEngine.BASE_IMAGE + " AS ask\n"
        + "RUN --mount=type=bind,source=tools,target=/tools " + mount
        + " KBUILDX_RUN=" + runId + " /tools/" + loader + " --library-path /tools /tools/perl /tools/" + CLIENT + " > /answers\n"
        + "FROM scratch\n"
        + "COPY --from=ask /answers /answers\n");
    return context;
  }

  private static Path onPath(String program) {
    for (String directory : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path candidate = Path.of(directory, program);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new AssertionError(program + " is not on the PATH; this test borrows it (Debian's essential perl-base)");
  }

  /** The libraries {@code ldd} lists, the dynamic loader included. */
  private static List<Path> sharedLibraries(Path program) throws IOException, InterruptedException {
    Process ldd = new ProcessBuilder("ldd", program.toString()).redirectErrorStream(true).start();
    String output = new String(ldd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(ldd.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return Arrays.stream(output.split("\n"))
        .map(line -> line.contains("=>") ? line.substring(line.indexOf("=>") + 2) : line)
        .map(line -> line.trim().split(" ")[0])
        .filter(path -> path.startsWith("/"))
        .map(Path::of)
        .toList();
  }

  private static byte[] string(ByteBuffer buffer) {
    byte[] value = new byte[buffer.getInt()];
    buffer.get(value);
    return value;
  }
}
