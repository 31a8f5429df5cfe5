package dev.kbuildx.buildkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kbuildx.buildkit.DockerfileSolver.BuildOutcome;
import dev.kbuildx.engine.RegistryManifest;
import dev.kbuildx.engine.TestEngine;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;


/** Dockerfile builds through the real BuildKit of the test Docker Engine. */
class DockerfileSolverEngineTest extends EngineBuildTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BASE = "FROM " + TestEngine.BASE_IMAGE;
  private static final int MIB = 1024 * 1024;

  private final String runId = UUID.randomUUID().toString().replace("-", "").substring(0, 12);

  @Test
  void copiesExactlyTheFilesThatDockerignoreKeepsWithTheirLinksAndModes() throws IOException {
    Path context = dir.resolve("context");
    write(context.resolve("Dockerfile"), "FROM scratch\nCOPY . /\n");
    write(context.resolve(".dockerignore"), "*.log\nbuild/\n!build/keep.txt\n");
    write(context.resolve("app.txt"), "app");
    write(context.resolve("debug.log"), "noise");
    write(context.resolve("build/out.bin"), "noise");
    write(context.resolve("build/keep.txt"), "kept");
    write(context.resolve("src/a/b.txt"), "nested");
    write(context.resolve("bin/run.sh"), "#!/bin/sh\necho run\n");
    Files.setPosixFilePermissions(context.resolve("bin/run.sh"), PosixFilePermissions.fromString("rwxr-x---"));
    Files.createSymbolicLink(context.resolve("current"), Path.of("src/a/b.txt"));
    Path out = dir.resolve("out");

    solver.solve(DockerfileBuild.builder(context).context(".").output("type=local,dest=" + out).build(), "");

    assertThat(files(out)).containsExactlyInAnyOrder(
        "Dockerfile", ".dockerignore", "app.txt", "build/keep.txt", "src/a/b.txt", "bin/run.sh", "current");
    assertThat(Files.readString(out.resolve("build/keep.txt"))).isEqualTo("kept");
    assertThat(Files.isSymbolicLink(out.resolve("current"))).isTrue();
    assertThat(Files.readSymbolicLink(out.resolve("current"))).isEqualTo(Path.of("src/a/b.txt"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("bin/run.sh"))))
        .isEqualTo("rwxr-x---");
    assertThat(Files.getPosixFilePermissions(out.resolve("app.txt"))).doesNotContain(PosixFilePermission.OWNER_EXECUTE);
    assertThat(log.messages()).anyMatch(line -> line.contains("DONE"));
  }

  @Test
  void runsAMultiStageBuildAndExportsItsResultAsFilesAndAsATar() throws IOException {
    Path context = dir.resolve("context");
    write(context.resolve("Dockerfile"), BASE + " AS generate\n"
        + "RUN mkdir /out && echo made-by-run > /out/x && cd /out && sha256sum x > x.sha256"
        + " && chmod 0750 x && ln -s x /out/link\n"
        + "FROM scratch\n"
        + "COPY --from=generate /out/ /result/\n");
    String expectedSum = sha256("made-by-run\n") + "  x\n";
    Path out = dir.resolve("out");
    Path tar = dir.resolve("result.tar");

    solver.solve(runnable(context).output("type=local,dest=" + out).build(), "");
    solver.solve(runnable(context).output("type=tar,dest=" + tar).build(), "");

    assertThat(files(out)).containsExactlyInAnyOrder("result/x", "result/x.sha256", "result/link");
    assertThat(Files.readString(out.resolve("result/x"))).isEqualTo("made-by-run\n");
    assertThat(Files.readString(out.resolve("result/x.sha256"))).isEqualTo(expectedSum);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("result/x"))))
        .isEqualTo("rwxr-x---");
    assertThat(Files.readSymbolicLink(out.resolve("result/link"))).isEqualTo(Path.of("x"));

    Map<String, TarEntries.Entry> entries = TarEntries.read(tar);
    assertThat(entries.keySet()).containsExactlyInAnyOrder("result", "result/x", "result/x.sha256", "result/link");
    assertThat(entries.get("result").type()).isEqualTo('5');
    assertThat(entries.get("result/x").text()).isEqualTo("made-by-run\n");
    assertThat(entries.get("result/x").mode() & 07777).isEqualTo(0750);
    assertThat(entries.get("result/x.sha256").text()).isEqualTo(expectedSum);
    assertThat(entries.get("result/link").type()).isEqualTo('2');
    assertThat(entries.get("result/link").linkname()).isEqualTo("x");
  }

  @Test
  void buildsAnImageIntoTheEngineThatPushesWithItsLabelAndLayers() throws IOException, InterruptedException {
    Path context = dir.resolve("context");
    write(context.resolve("Dockerfile"), BASE + "\nRUN echo " + runId + " > /built.txt\n");
    String repository = "kbuildx-it/app";
    String name = engine.registry() + "/" + repository + ":" + runId;
    try {
      BuildOutcome outcome = solver.solve(runnable(context).label("dev.kbuildx.test.run", runId)
          .output(Output.Image.of(List.of(name), false)).build(), "");

      assertThat(engine.imageExists(name)).isTrue();
      engine.pushImage(name);
      RegistryManifest manifest = engine.registryManifest(repository, runId);
      assertThat(manifest.mediaType()).isEqualTo("application/vnd.docker.distribution.manifest.v2+json");
      JsonNode json = manifest.json();
      assertThat(json.path("schemaVersion").asInt()).isEqualTo(2);
      String configDigest = json.path("config").path("digest").asText();
      // The engine's exporter reports the image id, which is the digest of the config it pushes.
      assertThat(outcome.results().digest()).isEqualTo(configDigest);
      JsonNode config = JSON.readTree(blob(repository, configDigest));
      assertThat(config.path("config").path("Labels").path("dev.kbuildx.test.run").asText()).isEqualTo(runId);
      assertThat(config.path("rootfs").path("diff_ids")).hasSizeGreaterThanOrEqualTo(2);
      JsonNode layers = json.path("layers");
      assertThat(layers).hasSize(config.path("rootfs").path("diff_ids").size());
      for (JsonNode layer : layers) {
        assertThat(blob(repository, layer.path("digest").asText())).hasSize(layer.path("size").asInt());
      }
    } finally {
      engine.removeImage(name);
    }
  }

  @Test
  void aFailingRunNamesItsStepAndItsLastLogLines() throws IOException {
    Path context = dir.resolve("context");
    write(context.resolve("Dockerfile"), BASE + "\nRUN echo boom-marker-" + runId + " && exit 3\n");

    assertThatThrownBy(() -> solver.solve(runnable(context).build(), ""))
        .isInstanceOf(BuildFailedException.class)
        .hasMessageContaining("[2/2] RUN echo boom-marker-" + runId + " && exit 3")
        .hasMessageContaining("exit code: 3")
        .hasMessageMatching("(?s).*\n[^\n]*boom-marker-" + runId + "\n.*");
    assertThat(log.messages()).anyMatch(line -> line.contains("ERROR"));
  }

  @Test
  void aSecondBuildOfAnUnchangedContextUploadsNearlyNothing() throws IOException {
    Path context = dir.resolve("context");
    write(context.resolve("Dockerfile"), "FROM scratch\nCOPY . /\n");
    Random random = new Random(42);
    for (int i = 0; i < 3; i++) {
      byte[] data = new byte[MIB];
      random.nextBytes(data);
      Files.createDirectories(context.resolve("data"));
      Files.write(context.resolve("data/part" + i + ".bin"), data);
    }
    Path small = context.resolve("small.txt");
    write(small, "small");
    DockerfileBuild build = DockerfileBuild.builder(context).output("type=local,dest=" + dir.resolve("out")).build();
    String sharedKey = "kbuildx-it-" + runId;

    BuildOutcome first = solver.solve(build, sharedKey);
    BuildOutcome unchanged = solver.solve(build, sharedKey);
    String changed = "changed small file " + runId;
    Files.writeString(small, changed);
    BuildOutcome touched = solver.solve(build, sharedKey);

    assertThat(first.upload().fileBytes()).isGreaterThanOrEqualTo(3L * MIB);
    assertThat(unchanged.upload().fileBytes()).isLessThan(64 * 1024);
    assertThat(unchanged.upload().files()).isZero();
    assertThat(touched.upload().fileBytes()).isEqualTo(changed.length());
    assertThat(touched.upload().files()).isEqualTo(1);
    assertThat(dir.resolve("out/small.txt")).hasContent(changed);
  }

  @Test
  void buildArgsAndTheTargetStageReachTheBuild() throws IOException {
    Path context = dir.resolve("context");
    write(context.resolve("Dockerfile"), BASE + " AS base\n"
        + "ARG GREETING=unset\n"
        + "RUN mkdir /out && echo \"$GREETING\" > /out/greeting\n"
        + "FROM scratch AS picked\n"
        + "COPY --from=base /out/ /\n"
        + "FROM scratch AS last\n"
        + "COPY --from=base /out/greeting /wrong-stage\n");
    Path out = dir.resolve("out");

    solver.solve(runnable(context).buildArg("GREETING", "hello " + runId).target("picked")
        .output("type=local,dest=" + out).build(), "");

    assertThat(files(out)).containsExactly("greeting");
    assertThat(out.resolve("greeting")).hasContent("hello " + runId + "\n");
  }

  /** A build whose RUN steps can execute on this engine. */
  private static DockerfileBuild.Builder runnable(Path context) {
    return DockerfileBuild.builder(context).network(TestEngine.BUILD_NETWORK);
  }

  private byte[] blob(String repository, String digest) throws IOException, InterruptedException {
    URI uri = URI.create("http://" + engine.registry() + "/v2/" + repository + "/blobs/" + digest);
    HttpResponse<byte[]> answer = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()
        .send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(answer.statusCode()).as("GET %s", uri).isEqualTo(200);
    return answer.body();
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  /** Regular files and symlinks (not followed) below {@code root}. */
  private static List<String> files(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(path -> !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS))
          .map(path -> root.relativize(path).toString()).toList();
    }
  }
}
