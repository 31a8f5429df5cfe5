package dev.kbuildx.buildkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.kbuildx.InvalidSettingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildkitdConfigLoaderTest {
  @TempDir
  Path dir;

  @Test
  void keepsATomlWithoutCertificatesVerbatim() throws IOException {
    String text = "# tuned for CI\ndebug = true\n\n[worker.oci]\n  max-parallelism = 4\n";
    Path toml = write("buildkitd.toml", text);

    BuildkitdConfig config = BuildkitdConfigLoader.load(toml);

    assertThat(config.files()).containsExactly(java.util.Map.entry("buildkitd.toml", text));
    assertThat(config.allowsNetworkHost()).isFalse();
  }

  @Test
  void detectsTheNetworkHostEntitlement() throws IOException {
    Path toml = write("buildkitd.toml", "insecure-entitlements = [\"security.insecure\", \"network.host\"]\n");

    assertThat(BuildkitdConfigLoader.load(toml).allowsNetworkHost()).isTrue();
  }

  @Test
  void otherEntitlementsDoNotCount() throws IOException {
    Path toml = write("buildkitd.toml", "insecure-entitlements = [\"security.insecure\"]\n");

    assertThat(BuildkitdConfigLoader.load(toml).allowsNetworkHost()).isFalse();
  }

  @Test
  void copiesRegistryCertificatesAndPointsTheTomlAtTheirMountedCopies() throws IOException {
    write("certs/ca.pem", "local ca\n");
    write("client/tls.key", "client key\n");
    Path absoluteCert = write("client/tls.crt", "client cert\n");
    write("mirror-ca.pem", "mirror ca\n");
    Path toml = write("conf/buildkitd.toml", """
        debug = true
        [registry."registry.local:5000"]
          ca = ["../certs/ca.pem"]
          [[registry."registry.local:5000".keypair]]
            key = "../client/tls.key"
            cert = "%s"
        [registry."mirror.example.com"]
          mirrors = ["mirror.example.com"]
          ca = ["../mirror-ca.pem"]
        """.formatted(absoluteCert.toString().replace("\\", "\\\\")));

    BuildkitdConfig config = BuildkitdConfigLoader.load(toml);

    assertThat(config.files()).containsOnlyKeys("buildkitd.toml",
        "certs/registry.local_5000/ca.pem", "certs/registry.local_5000/tls.key",
        "certs/registry.local_5000/tls.crt", "certs/mirror.example.com/mirror-ca.pem");
    assertThat(config.files()).containsEntry("certs/registry.local_5000/tls.key", "client key\n");
    JsonNode rewritten = new TomlMapper().readTree(config.files().get("buildkitd.toml"));
    JsonNode local = rewritten.path("registry").path("registry.local:5000");
    assertThat(local.path("ca").get(0).asText()).isEqualTo("/etc/buildkit/certs/registry.local_5000/ca.pem");
    assertThat(local.path("keypair").get(0).path("key").asText())
        .isEqualTo("/etc/buildkit/certs/registry.local_5000/tls.key");
    assertThat(local.path("keypair").get(0).path("cert").asText())
        .isEqualTo("/etc/buildkit/certs/registry.local_5000/tls.crt");
    JsonNode mirror = rewritten.path("registry").path("mirror.example.com");
    assertThat(mirror.path("ca").get(0).asText()).isEqualTo("/etc/buildkit/certs/mirror.example.com/mirror-ca.pem");
    assertThat(mirror.path("mirrors").get(0).asText()).isEqualTo("mirror.example.com");
    assertThat(rewritten.path("debug").asBoolean()).isTrue();
  }

  @Test
  void reportsAMissingFileByThePathGiven() {
    Path missing = Path.of("no-such-dir", "buildkitd.toml");

    assertThatThrownBy(() -> BuildkitdConfigLoader.load(missing))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
          assertThat(e.setting()).isEqualTo("buildkitdConfig");
          assertThat(e.value()).isEqualTo(missing.toString());
          assertThat(e.accepted()).contains("does not exist").contains("buildkitd.toml file of at most 1 MiB");
        });
  }

  @Test
  void reportsBadTomlWithoutQuotingIt() throws IOException {
    Path toml = write("buildkitd.toml", "debug = true\npassword = \"s3cret\n");

    assertThatThrownBy(() -> BuildkitdConfigLoader.load(toml))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
          assertThat(e.accepted()).contains("not valid TOML").contains("line 2");
          assertThat(e.getMessage()).doesNotContain("s3cret");
        });
  }

  @Test
  void reportsAMissingCertificate() throws IOException {
    Path toml = write("buildkitd.toml", "[registry.\"docker.io\"]\nca = [\"gone.pem\"]\n");

    assertThatThrownBy(() -> BuildkitdConfigLoader.load(toml))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
          assertThat(e.value()).isEqualTo(toml.toString());
          assertThat(e.accepted()).contains("registry \"docker.io\" ca \"gone.pem\" does not exist");
        });
  }

  @Test
  void rejectsAValueOfTheWrongTypeNamingTheFileTheKeyAndTheType() throws IOException {
    Path toml = write("buildkitd.toml", "debug = true\n[worker.oci]\n  gc = \"maybe\"\n");

    assertThatThrownBy(() -> BuildkitdConfigLoader.load(toml))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
          assertThat(e.setting()).isEqualTo("buildkitdConfig");
          assertThat(e.value()).isEqualTo(toml.toString());
          assertThat(e.accepted()).isEqualTo(
              "[worker.oci] gc = \"maybe\" is a string, but BuildKit expects a boolean (true or false, without quotes)");
        });
  }

  @Test
  void rejectsACaThatIsNotAList() throws IOException {
    Path toml = write("buildkitd.toml", "[registry.\"docker.io\"]\nca = \"ca.pem\"\n");

    assertThatThrownBy(() -> BuildkitdConfigLoader.load(toml))
        .isInstanceOfSatisfying(InvalidSettingException.class,
            e -> assertThat(e.accepted()).isEqualTo("[registry.\"docker.io\"] ca = \"ca.pem\" is a string,"
                + " but BuildKit expects a list of strings, such as [\"a\", \"b\"]"));
  }

  @Test
  void rejectsTwoDifferentCertificatesWithTheSameName() throws IOException {
    write("a/ca.pem", "first\n");
    write("b/ca.pem", "second\n");
    Path toml = write("buildkitd.toml", "[registry.\"docker.io\"]\nca = [\"a/ca.pem\", \"b/ca.pem\"]\n");

    assertThatThrownBy(() -> BuildkitdConfigLoader.load(toml))
        .isInstanceOfSatisfying(InvalidSettingException.class,
            e -> assertThat(e.accepted()).contains("same file name"));
  }

  @Test
  void rejectsFilesLargerThanOneMebibyte() throws IOException {
    Path toml = write("buildkitd.toml", "# " + "x".repeat(1024 * 1024) + "\n");

    assertThatThrownBy(() -> BuildkitdConfigLoader.load(toml))
        .isInstanceOfSatisfying(InvalidSettingException.class,
            e -> assertThat(e.accepted()).contains("larger than 1 MiB"));
  }

  @Test
  void rejectsBinaryCertificatesWithoutQuotingThem() throws IOException {
    Files.write(dir.resolve("ca.der"), new byte[] {(byte) 0xff, (byte) 0xfe, 0x00});
    Path toml = write("buildkitd.toml", "[registry.\"docker.io\"]\nca = [\"ca.der\"]\n");

    assertThatThrownBy(() -> BuildkitdConfigLoader.load(toml))
        .isInstanceOfSatisfying(InvalidSettingException.class,
            e -> assertThat(e.accepted()).contains("ca \"ca.der\" is not UTF-8 text"));
  }

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content);
  }
}
