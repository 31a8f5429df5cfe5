package dev.kbuildx.buildkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BuildkitdConfigSchemaTest {
  private static final TomlMapper TOML = new TomlMapper();

  @Test
  void acceptsEveryKeyOfBuildKitsDocumentedExample() throws IOException {
    assertThat(mismatch("""
        debug = true
        trace = false
        root = "/var/lib/buildkit"
        insecure-entitlements = [ "network.host", "security.insecure" ]
        provenanceEnvDir = "/etc/buildkit/provenance.d"
        [log]
          format = "text"
        [dns]
          nameservers = ["1.1.1.1"]
          options = ["edns0"]
          searchDomains = ["example.com"]
        [grpc]
          address = [ "tcp://0.0.0.0:1234" ]
          debugAddress = "0.0.0.0:6060"
          uid = 0
          gid = 0
          [grpc.tls]
            cert = "/etc/buildkit/tls.crt"
        [otel]
          socketPath = "/run/buildkit/otel-grpc.sock"
        [cdi]
          disabled = true
          specDirs = ["/etc/cdi"]
        [history]
          maxAge = 172800
          maxEntries = 50
        [worker.oci]
          enabled = true
          platforms = [ "linux/amd64", "linux/arm64" ]
          snapshotter = "auto"
          rootless = false
          noProcessSandbox = false
          gc = true
          gckeepstorage = 9000
          reservedSpace = "30%"
          maxUsedSpace = "60%"
          minFreeSpace = "20GB"
          max-parallelism = 4
          cniPoolSize = 16
          [worker.oci.labels]
            "foo" = "bar"
          [worker.oci.stargzSnapshotter]
            anything = ["goes", 1]
          [[worker.oci.gcpolicy]]
            keepBytes = "512MB"
            keepDuration = "48h"
            filters = [ "type==source.local" ]
          [[worker.oci.gcpolicy]]
            all = true
            reservedSpace = 1024000000
            keepDuration = 172800
        [worker.containerd]
          address = "/run/containerd/containerd.sock"
          enabled = true
          namespace = "buildkit"
          [worker.containerd.runtime]
            name = "io.containerd.runc.v2"
            options = { BinaryName = "runc" }
        [registry."docker.io"]
          mirrors = ["mirror.local:5000"]
          http = true
          insecure = true
          ca = ["/etc/config/myca.pem"]
          [[registry."docker.io".keypair]]
            key = "/etc/config/key.pem"
            cert = "/etc/config/cert.pem"
        [frontend."dockerfile.v0"]
          enabled = true
        [frontend."gateway.v0"]
          enabled = true
          allowedRepositories = []
        [system]
          platformsCacheMaxAge = "1h"
        """)).isNull();
  }

  /** As BuildKit's decoder, which ignores them; newer BuildKit versions add keys. */
  @Test
  void ignoresUnknownKeysAndTables() throws IOException {
    assertThat(mismatch("""
        someFutureSetting = "x"
        [worker.oci]
          someFutureOption = 3
        [ghacache.sign]
          cmd = ""
        """)).isNull();
  }

  @Test
  void aBooleanInQuotes() throws IOException {
    assertThat(mismatch("debug = \"yes\"\n"))
        .isEqualTo("debug = \"yes\" is a string, but BuildKit expects a boolean (true or false, without quotes)");
  }

  @Test
  void aBooleanInAWorkerTable() throws IOException {
    assertThat(mismatch("[worker.oci]\ngc = \"maybe\"\n"))
        .isEqualTo("[worker.oci] gc = \"maybe\" is a string, but BuildKit expects a boolean (true or false, without quotes)");
  }

  @Test
  void aRegistryBooleanNamesTheHostInQuotes() throws IOException {
    assertThat(mismatch("[registry.\"10.0.0.1:5001\"]\nhttp = 1\n"))
        .isEqualTo("[registry.\"10.0.0.1:5001\"] http = 1 is a whole number,"
            + " but BuildKit expects a boolean (true or false, without quotes)");
  }

  @Test
  void aWholeNumberInQuotes() throws IOException {
    assertThat(mismatch("[worker.containerd]\nmax-parallelism = \"four\"\n"))
        .isEqualTo("[worker.containerd] max-parallelism = \"four\" is a string,"
            + " but BuildKit expects a whole number, without quotes");
  }

  @ParameterizedTest
  @ValueSource(strings = {"uid = 1.5", "gid = 99999999999", "uid = true"})
  void grpcIdsAreWholeNumbersOfGosIntSize(String line) throws IOException {
    assertThat(mismatch("[grpc]\n" + line + "\n")).startsWith("[grpc] ").endsWith("a whole number, without quotes");
  }

  @Test
  void historyEntriesMayExceedAnInt() throws IOException {
    assertThat(mismatch("[history]\nmaxEntries = 99999999999\n")).isNull();
  }

  @Test
  void aStringThatIsANumber() throws IOException {
    assertThat(mismatch("root = 5\n")).isEqualTo("root = 5 is a whole number, but BuildKit expects a string in quotes");
  }

  @Test
  void aListThatIsOneString() throws IOException {
    assertThat(mismatch("[grpc]\naddress = \"tcp://0.0.0.0:1234\"\n"))
        .isEqualTo("[grpc] address = \"tcp://0.0.0.0:1234\" is a string,"
            + " but BuildKit expects a list of strings, such as [\"a\", \"b\"]");
  }

  @Test
  void aListWithANumberInIt() throws IOException {
    assertThat(mismatch("[worker.oci]\nplatforms = [\"linux/amd64\", 64]\n"))
        .startsWith("[worker.oci] platforms = [\"linux/amd64\",64] is a list, but BuildKit expects a list of strings");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"512MB\"", "\"1.5 GiB\"", "\"10%\"", "1024", "\"1024\"", "\"2g\""})
  void diskSpaces(String value) throws IOException {
    assertThat(mismatch("[worker.oci]\nreservedSpace = " + value + "\n")).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"lots\"", "\"10 %\"", "true", "1.5"})
  void notDiskSpaces(String value) throws IOException {
    assertThat(mismatch("[worker.oci]\nreservedSpace = " + value + "\n"))
        .endsWith("but BuildKit expects a number of bytes, or a string such as \"512MB\" or \"10%\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"48h\"", "\"1h30m\"", "\"1.5s\"", "172800", "\"172800\"", "\"0\""})
  void durations(String value) throws IOException {
    assertThat(mismatch("[history]\nmaxAge = " + value + "\n")).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"two days\"", "\"48\u00a0h\"", "\"h\"", "false"})
  void notDurations(String value) throws IOException {
    assertThat(mismatch("[history]\nmaxAge = " + value + "\n"))
        .endsWith("but BuildKit expects a number of seconds, or a string duration such as \"48h\"");
  }

  @Test
  void aGcPolicyEntryIsNamedByItsNumber() throws IOException {
    assertThat(mismatch("""
        [[worker.oci.gcpolicy]]
          all = true
        [[worker.oci.gcpolicy]]
          keepDuration = "forever"
        """)).startsWith("[[worker.oci.gcpolicy]] number 2 keepDuration = \"forever\" is a string");
  }

  @Test
  void aGcPolicyThatIsNotAnArrayOfTables() throws IOException {
    assertThat(mismatch("[worker.oci]\ngcpolicy = true\n"))
        .isEqualTo("[worker.oci] gcpolicy = true is a boolean, but BuildKit expects an array of tables"
            + " ([[worker.oci.gcpolicy]])");
  }

  @Test
  void aSectionThatIsAValue() throws IOException {
    assertThat(mismatch("worker = \"oci\"\n"))
        .isEqualTo("worker = \"oci\" is a string, but BuildKit expects a table");
  }

  @Test
  void labelValuesAreStrings() throws IOException {
    assertThat(mismatch("[worker.oci.labels]\nteam = 7\n"))
        .isEqualTo("[worker.oci.labels] team = 7 is a whole number, but BuildKit expects a string in quotes");
  }

  @Test
  void aKeypairEntryThatIsNotATable() throws IOException {
    assertThat(mismatch("[registry.\"r.example\"]\nkeypair = [\"key.pem\"]\n"))
        .startsWith("[registry.\"r.example\"] keypair = [\"key.pem\"] is a list, but BuildKit expects an array of tables");
  }

  @Test
  void frontendTablesAreQuoted() throws IOException {
    assertThat(mismatch("[frontend.\"dockerfile.v0\"]\nenabled = \"no\"\n"))
        .startsWith("[frontend.\"dockerfile.v0\"] enabled = \"no\" is a string");
  }

  @Test
  void aLongValueIsShortened() throws IOException {
    assertThat(mismatch("debug = \"" + "x".repeat(200) + "\"\n")).contains("xxx...").hasSizeLessThan(160);
  }

  private static String mismatch(String toml) throws IOException {
    return BuildkitdConfigSchema.firstMismatch(TOML.readTree(toml));
  }
}
