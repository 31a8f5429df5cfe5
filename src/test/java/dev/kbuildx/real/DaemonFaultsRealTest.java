package dev.kbuildx.real;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kbuildx.build.BuildRunner;
import dev.kbuildx.build.ImageLoad;
import dev.kbuildx.buildkit.BuildFailedException;
import dev.kbuildx.buildkit.DockerfileBuild;
import dev.kbuildx.driver.BuilderNodes;
import dev.kbuildx.driver.DialTimeout;
import dev.kbuildx.driver.choice.DaemonChoice;
import dev.kbuildx.driver.choice.DaemonConnector;
import dev.kbuildx.driver.remote.RemoteEndpoint;
import dev.kbuildx.driver.remote.TestCertificates;
import dev.kbuildx.engine.TestEngine;
import dev.kbuildx.engine.TestEngine.AuthRegistry;
import dev.kbuildx.progress.CollectingLog;
import dev.kbuildx.registry.CredentialsChain;
import dev.kbuildx.registry.DockerConfigCredentials;
import dev.kbuildx.registry.ExecutableFinder;
import dev.kbuildx.transport.DaemonConnectionException;
import dev.kbuildx.transport.TlsFiles;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real buildkitd v0.24 that dies mid-upload, speaks TLS the client does not expect or listens on a unix
 * socket that is not there: each fault ends
 * the build with one message that names the daemon, the cause in plain words and what to do, and no
 * gRPC or Netty record reaches the console.
 */
class DaemonFaultsRealTest {
  /** Large enough that the upload is still running when the daemon is killed; sparse, so it costs no disk. */
  private static final long CONTEXT_BYTES = 2L << 30;
  private static final Duration UPLOAD_START = Duration.ofMinutes(2);
  private static final Pattern UPLOADING = Pattern.compile("transferring context: [0-9.]+[MG]B");
  private static final String CONNECTING = "Connecting to the BuildKit daemon failed: ";

  @TempDir Path dir;
  @RegisterExtension final LibraryLogWatch libraryLog = new LibraryLogWatch();

  @Test
  void aDaemonKilledMidUploadEndsTheBuildNamingItAndWhatWasHappening() throws Exception {
    try (OwnBuildkitd daemon = OwnBuildkitd.start(dir.resolve("daemon"))) {
      Path context = Files.createDirectories(dir.resolve("context"));
      Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY big /\n");
      try (RandomAccessFile big = new RandomAccessFile(context.resolve("big").toFile(), "rw")) {
        big.setLength(CONTEXT_BYTES);
      }
      CollectingLog log = new CollectingLog();
      CompletableFuture<?> build = CompletableFuture.runAsync(() -> build(daemon.address(), null, context, log));
      awaitUpload(log, build);
      daemon.kill();

      assertThatThrownBy(() -> build.get(1, TimeUnit.MINUTES))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(DaemonConnectionException.class)
          .hasMessageMatching(Pattern.quote("Uploading the build context to the BuildKit daemon failed: "
              + daemon.address() + " closed the connection") + "( \\((connection reset( by peer)?|broken pipe)\\))?"
              + Pattern.quote(". Check that the BuildKit daemon runs and is reachable (its log tells why it"
              + " stopped), then build again"));
    }
  }

  @Test
  void aDaemonCertificateFromAnotherCaIsNotTrustedNamingTheCaFile() throws Exception {
    TestCertificates server = TestCertificates.create(dir, "daemon", "dns:localhost,ip:127.0.0.1");
    TestCertificates other = TestCertificates.create(dir, "other", "dns:other");
    try (OwnBuildkitd daemon = OwnBuildkitd.startTls(dir.resolve("daemon"), server.certificatePem(),
        server.keyPem(), other.certificatePem())) {
      TlsFiles wrongCa = new TlsFiles(other.certificatePem(), other.certificatePem(), other.keyPem(), null);

      assertThatThrownBy(() -> build(daemon.address(), wrongCa, RealDaemons.tinyContext(dir.resolve("c"), "x"),
          new CollectingLog()))
          .isInstanceOf(DaemonConnectionException.class)
          .hasMessage(CONNECTING + "the certificate of " + daemon.address() + " is not trusted by the CA in "
              + other.certificatePem() + ". Set the driver option cacert to the certificate of the CA that issued"
              + " the daemon's certificate (buildkitd --tlscert)");

      assertThatThrownBy(() -> build(daemon.address(), null, RealDaemons.tinyContext(dir.resolve("c"), "x"),
          new CollectingLog()))
          .isInstanceOf(DaemonConnectionException.class)
          .hasMessage(CONNECTING + daemon.address() + " speaks TLS, but no TLS options are set. Set the driver"
              + " options cacert (the CA of the daemon's certificate), and cert and key when the daemon asks for a"
              + " client certificate");
    }
  }

  @Test
  void aTlsClientToACleartextDaemonIsToldToDropTheTlsOptions() throws Exception {
    String address = RealBuildkit.require().address();
    TestCertificates ca = TestCertificates.create(dir, "ca", "dns:localhost");

    assertThatThrownBy(() -> build(address, new TlsFiles(ca.certificatePem(), null, null, null),
        RealDaemons.tinyContext(dir.resolve("c"), "x"), new CollectingLog()))
        .isInstanceOf(DaemonConnectionException.class)
        .hasMessage(CONNECTING + address + " does not speak TLS. Remove the TLS driver options (cacert, cert, key"
            + " and servername), or give the daemon a certificate (buildkitd --tlscert and --tlskey)");
  }

  @Test
  void aDaemonOnAUnixSocketBuildsAndAMissingSocketIsNamed() throws Exception {
    try (OwnBuildkitd daemon = OwnBuildkitd.start(dir.resolve("daemon"))) {
      Path out = dir.resolve("out");
      DockerfileBuild build = DockerfileBuild.builder(RealDaemons.tinyContext(dir.resolve("c"), "over a unix socket"))
          .platforms("linux/amd64").output("type=local,dest=" + out).build();
      build(daemon.unixAddress(), null, build, new CollectingLog(), new CredentialsChain(List.of()));
      assertThat(out.resolve("hello.txt")).hasContent("over a unix socket");
    }
    String missing = "unix://" + dir.resolve("gone.sock");
    assertThatThrownBy(() -> build(missing, null, RealDaemons.tinyContext(dir.resolve("d"), "x"), new CollectingLog()))
        .isInstanceOf(DaemonConnectionException.class)
        .hasMessageStartingWith(CONNECTING + "cannot connect to " + missing + ": the socket does not exist. ");
  }

  @Test
  void aPushRefusedWithWrongCredentialsNamesTheirSource() throws Exception {
    AuthRegistry registry = TestEngine.requireAuthRegistry();
    Path dockerConfig = Files.writeString(dir.resolve("config.json"), "{\"auths\":{\"" + registry.address()
        + "\":{\"auth\":\"" + Base64.getEncoder().encodeToString((registry.user() + ":wrong-password")
        .getBytes(StandardCharsets.UTF_8)) + "\"}}}");
    CredentialsChain credentials = new CredentialsChain(List.of(DockerConfigCredentials.fromFile(dockerConfig,
        ExecutableFinder.fromEnvironment(), Duration.ofSeconds(10))));
    String image = registry.address() + "/kbuildx-real/refused:1";
    try (OwnBuildkitd daemon = OwnBuildkitd.start(dir.resolve("daemon"))) {
      DockerfileBuild push = RealDaemons.tinyBuild(dir.resolve("c"))
          .output("type=image,name=" + image + ",push=true,registry.insecure=true").build();

      assertThatThrownBy(() -> build(daemon.address(), null, push, new CollectingLog(), credentials))
          .isInstanceOf(BuildFailedException.class)
          .hasMessageMatching(Pattern.quote("build failed at step #") + "\\d+" + Pattern.quote(" exporting to image:"
              + " failed to push " + image + ": unexpected status from HEAD request to http://" + registry.address()
              + "/v2/kbuildx-real/refused/blobs/") + "sha256:[0-9a-f]{64}" + Pattern.quote(": 401 Unauthorized"
              + " (credentials for " + registry.address() + ": from docker config " + dockerConfig + ")"))
          .satisfies(failure -> assertThat(failure.getMessage()).doesNotContain("wrong-password"));
    }
  }

  private void build(String address, TlsFiles tls, Path context, CollectingLog log) {
    build(address, tls, DockerfileBuild.builder(context).platforms("linux/amd64").build(), log,
        new CredentialsChain(List.of()));
  }

  /** Builds as the build goal does with a standing daemon. */
  private void build(String address, TlsFiles tls, DockerfileBuild build, CollectingLog log,
      CredentialsChain credentials) {
    Path context = build.context();
    DaemonChoice choice = new DaemonChoice.StandingDaemon(RemoteEndpoint.parse(address, tls), false);
    ImageLoad noLoad = new ImageLoad(false, dir.resolve("load"), () -> {
      throw new AssertionError("nothing is loaded");
    });
    try (BuilderNodes nodes = new DaemonConnector(Map.of(), () -> {
      throw new AssertionError("a standing daemon needs no cluster");
    }, null, DialTimeout.DEFAULT, log).nodes(choice, context.toString())) {
      new BuildRunner(credentials, noLoad, log).run(nodes, build, context.toString());
    }
  }

  /**
   * Polls the build's progress until the daemon reports megabytes of the context received; the
   * {@code .dockerignore} is "transferred" too, in a few bytes.
   */
  private static void awaitUpload(CollectingLog log, CompletableFuture<?> build) throws Exception {
    Instant deadline = Instant.now().plus(UPLOAD_START);
    while (log.lines.stream().noneMatch(line -> UPLOADING.matcher(line).find())) {
      if (build.isDone()) {
        build.get();
        throw new AssertionError("the build ended before the upload started: " + log.lines);
      }
      assertThat(Instant.now()).as("the upload starts within %s", UPLOAD_START).isBefore(deadline);
      Thread.sleep(50);
    }
  }
}
