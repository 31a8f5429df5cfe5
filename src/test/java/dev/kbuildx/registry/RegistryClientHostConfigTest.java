package dev.kbuildx.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kbuildx.KbuildxException;
import dev.kbuildx.engine.TestEngine;
import dev.kbuildx.real.RealCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry sections of a builder's buildkitd config ({@code http}, {@code insecure}, {@code ca},
 * {@code mirrors}) against real registries: the engine's, behind a TLS listener with a CA made for
 * the test, and the real cluster's plain-HTTP registry on a non-loopback address.
 */
class RegistryClientHostConfigTest {

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final String path = "kbuildx-test/host-config-" + run;

  @TempDir
  static Path folder;
  private static TestCertificateAuthority authority;

  @BeforeAll
  static void makeAuthority() {
    authority = TestCertificateAuthority.create(folder);
  }

  @Test
  void aCaFileMakesTheRegistryCertificateTrustedAndWithoutItTheHandshakeFails() throws Exception {
    copiesAnIndexOverTls(new RegistryHostConfig(false, false, List.of(authority.caPem()), List.of()), "trusted");

    assertThatThrownBy(() -> copiesAnIndexOverTls(new RegistryHostConfig(false, false, List.of(), List.of()), "untrusted"))
        .isInstanceOf(KbuildxException.class)
        .hasMessageContaining("cannot reach https://127.0.0.1:")
        .hasMessageContaining("list that CA file in ca = [...]");
  }

  @Test
  void insecureSkipsTheCertificateCheck() throws Exception {
    copiesAnIndexOverTls(new RegistryHostConfig(false, true, List.of(), List.of()), "insecure");
  }

  /**
   * Reads an image from the engine's registry through a TLS listener signed by the test's CA and
   * pushes it back under {@code tag}, as the index push does; the registry then holds it there.
   */
  private void copiesAnIndexOverTls(RegistryHostConfig config, String tag) throws Exception {
    String engineRegistry = TestEngine.require().registry();
    TestImages.Pushed image = pushed(engineRegistry);
    try (TlsProxy tls = new TlsProxy(authority.serverKeyStore(), TestCertificateAuthority.PASSWORD, port(engineRegistry))) {
      RegistryRepository overTls = new RegistryRepository(tls.address(), path);
      RegistryClient client = client(tls.address(), config);

      ManifestContent fetched = client.fetchManifest(overTls, image.manifest().digest());
      client.pushManifest(overTls, tag, fetched.mediaType(), fetched.bytes());

      assertThat(plainClient().fetchManifest(new RegistryRepository(engineRegistry, path), tag).digest())
          .isEqualTo(image.manifest().digest());
    }
  }

  @Test
  void aPlainHttpRegistryOffLoopbackNeedsHttpOrInsecure() {
    String podRegistry;
    try (RealCluster cluster = RealCluster.require()) {
      podRegistry = cluster.podRegistry();
    }
    RegistryRepository repository = new RegistryRepository(podRegistry, path);
    byte[] blob = ("a blob of " + run).getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> plainClient().pushBlob(repository, blob))
        .isInstanceOf(KbuildxException.class)
        .hasMessageContaining("cannot reach https://" + podRegistry)
        .hasMessageContaining("set http = true for it in the builder's buildkitd config ([registry.\"" + podRegistry + "\"])");

    String digest = client(podRegistry, new RegistryHostConfig(true, false, List.of(), List.of())).pushBlob(repository, blob);
    RegistryClient insecure = client(podRegistry, new RegistryHostConfig(null, true, List.of(), List.of()));
    assertThat(insecure.fetchBlob(repository, digest)).isEqualTo(blob);
    assertThat(insecure.usesPlainHttp(podRegistry)).as("falls back to plain HTTP once, then stays there").isTrue();
    RegistryClient httpsOnly = client(podRegistry, new RegistryHostConfig(false, true, List.of(), List.of()));
    assertThatThrownBy(() -> httpsOnly.fetchBlob(repository, digest)).hasMessageContaining("cannot reach https://");
  }

  @Test
  void mirrorsServeReadsButPushesGoToTheRegistryOnly() {
    String engineRegistry = TestEngine.require().registry();
    TestImages.Pushed image = pushed(engineRegistry);
    String origin = "origin.invalid:5000";
    RegistryRepository atOrigin = new RegistryRepository(origin, path);
    RegistryClient mirrored = client(origin, new RegistryHostConfig(null, false, List.of(),
        List.of("127.0.0.1:1", engineRegistry)));

    ManifestContent fetched = mirrored.fetchManifest(atOrigin, image.manifest().digest());
    assertThat(fetched.digest()).isEqualTo(image.manifest().digest());
    assertThat(mirrored.fetchBlob(atOrigin, image.configDigest())).isNotEmpty();
    assertThatThrownBy(() -> mirrored.pushManifest(atOrigin, "pushed", fetched.mediaType(), fetched.bytes()))
        .isInstanceOf(KbuildxException.class)
        .hasMessageContaining("PUT manifest " + atOrigin + ":pushed failed: cannot reach https://" + origin);
  }

  @Test
  void aMirrorWithoutTheContentIsSkippedForTheRegistry() {
    String engineRegistry = TestEngine.require().registry();
    TestImages.Pushed image = pushed(engineRegistry);
    RegistryClient mirrored = client(engineRegistry, new RegistryHostConfig(null, false, List.of(),
        List.of(engineRegistry + "/kbuildx-test/empty-mirror-" + run)));

    assertThat(mirrored.fetchManifest(new RegistryRepository(engineRegistry, path), image.manifest().digest()).digest())
        .isEqualTo(image.manifest().digest());
  }

  @Test
  void aMirrorPrefixGoesBeforeTheRepositoryPath() {
    RegistryRepository repository = new RegistryRepository("docker.io", "library/busybox");

    assertThat(RegistryClient.onMirror("mirror.example:5000", repository))
        .isEqualTo(new RegistryRepository("mirror.example:5000", "library/busybox"));
    assertThat(RegistryClient.onMirror("https://mirror.example/hub/", repository))
        .isEqualTo(new RegistryRepository("mirror.example", "hub/library/busybox"));
  }

  private TestImages.Pushed pushed(String registry) {
    return new TestImages(plainClient()).push(new RegistryRepository(registry, path), "linux", "amd64", false);
  }

  private static RegistryClient plainClient() {
    return new RegistryClient(FixedSource.NONE, RegistryConfig.NONE);
  }

  private static RegistryClient client(String host, RegistryHostConfig config) {
    return new RegistryClient(FixedSource.NONE, new RegistryConfig(Map.of(host, config)));
  }

  private static int port(String address) {
    return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
  }
}
