package dev.kbuildx.buildkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.SettingKey;
import dev.kbuildx.buildkit.proto.control.CacheOptionsEntry;
import dev.kbuildx.buildkit.proto.control.Exporter;
import dev.kbuildx.buildkit.proto.control.SolveRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SolveRequestsTest {
  @TempDir
  Path base;

  @BeforeEach
  void dockerfile() throws IOException {
    Files.writeString(base.resolve("Dockerfile"), "FROM scratch\n");
  }

  private DockerfileBuild.Builder build() {
    return DockerfileBuild.builder(base);
  }

  private static SolvePlan plan(DockerfileBuild build) {
    return SolveRequests.dockerfile(build, DaemonFeatures.CURRENT, "ref1", "session1");
  }

  @Test
  void minimalRequestUploadsContextAndDockerfileDirectory() {
    SolvePlan plan = plan(build().build());
    SolveRequest request = plan.request();

    assertThat(request.getRef()).isEqualTo("ref1");
    assertThat(request.getSession()).isEqualTo("session1");
    assertThat(request.getFrontend()).isEqualTo("dockerfile.v0");
    assertThat(request.getFrontendAttrsMap()).containsExactlyEntriesOf(Map.of("filename", "Dockerfile"));
    assertThat(request.getExportersList()).isEmpty();
    assertThat(request.getExporterDeprecated()).isEmpty();
    assertThat(request.getExporterAttrsDeprecatedMap()).isEmpty();
    assertThat(request.getEntitlementsList()).isEmpty();
    assertThat(request.getCache().getImportsList()).isEmpty();
    assertThat(request.getCache().getExportsList()).isEmpty();
    assertThat(plan.localDirectories()).containsExactly(Map.entry("context", base), Map.entry("dockerfile", base));
    assertThat(plan.outputs()).isEmpty();
    assertThat(plan.warnings()).isEmpty();
  }

  @Test
  void everyFrontendAttribute() throws IOException {
    Files.createDirectories(base.resolve("ci"));
    Files.writeString(base.resolve("ci/App.Dockerfile"), "FROM scratch\n");
    Files.createDirectories(base.resolve("libs"));
    Files.createDirectories(base.resolve("other"));

    SolvePlan plan = plan(build()
        .dockerfile("ci/App.Dockerfile")
        .target("runtime")
        .buildArg("VERSION", "1.0")
        .buildArg("EMPTY", "")
        .label("org.opencontainers.image.title", "app")
        .platforms("linux/arm64")
        .noCacheFilter("deps,build")
        .pull(true)
        .network("none")
        .addHost("db=10.0.0.5")
        .addHost("cache=fd00::2")
        .shmSize("64m")
        .ulimit("nofile=1024:2048")
        .ulimit("nproc=100")
        .buildContext("alpine", "docker-image://alpine:3.20")
        .buildContext("libs", "libs")
        .buildContext("context", "other")
        .buildContext("src", "https://github.com/org/repo.git#main")
        .build());

    assertThat(plan.request().getFrontendAttrsMap()).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
        Map.entry("filename", "App.Dockerfile"),
        Map.entry("target", "runtime"),
        Map.entry("build-arg:VERSION", "1.0"),
        Map.entry("build-arg:EMPTY", ""),
        Map.entry("label:org.opencontainers.image.title", "app"),
        Map.entry("platform", "linux/arm64"),
        Map.entry("no-cache", "deps,build"),
        Map.entry("image-resolve-mode", "pull"),
        Map.entry("force-network-mode", "none"),
        Map.entry("add-hosts", "db=10.0.0.5,cache=fd00::2"),
        Map.entry("shm-size", "67108864"),
        Map.entry("ulimit", "nofile=1024:2048,nproc=100:100"),
        Map.entry("context:alpine", "docker-image://alpine:3.20"),
        Map.entry("context:libs", "local:libs"),
        Map.entry("context:context", "local:_context"),
        Map.entry("context:src", "https://github.com/org/repo.git#main")));
    assertThat(plan.request().getEntitlementsList()).isEmpty();
    assertThat(plan.localDirectories()).containsExactly(
        Map.entry("context", base),
        Map.entry("dockerfile", base.resolve("ci")),
        Map.entry("libs", base.resolve("libs")),
        Map.entry("_context", base.resolve("other")));
  }

  @Test
  void namedContextsWarnOnADaemonTooOldToTellItsVersion() throws IOException {
    Files.createDirectories(base.resolve("libs"));
    DockerfileBuild build = build().buildContext("libs=libs").build();

    assertThat(SolveRequests.dockerfile(build, DaemonFeatures.dockerEngine(null), "r", "s").warnings())
        .containsExactly("BuildKit older than v0.11 may ignore the named build contexts libs (they need BuildKit v0.10"
            + " or newer); if the build then looks for an image of that name, build on a newer BuildKit");
    assertThat(SolveRequests.dockerfile(build, DaemonFeatures.buildkitd("v0.11.0"), "r", "s").warnings()).isEmpty();
  }

  @Test
  void noCacheForAllStagesIsAnEmptyValueAndWinsOverTheFilter() {
    SolvePlan plan = plan(build().noCache(true).noCacheFilter("deps").build());

    assertThat(plan.request().getFrontendAttrsMap()).containsEntry("no-cache", "");
  }

  @Test
  void hostNetworkAsksForItsEntitlement() {
    SolveRequest request = plan(build().network("host").build()).request();

    assertThat(request.getFrontendAttrsMap()).containsEntry("force-network-mode", "host");
    assertThat(request.getEntitlementsList()).containsExactly("network.host");
  }

  @Test
  void severalPlatformsAreOneSolve() {
    SolveRequest request = plan(build().platforms("linux/amd64,linux/arm64")
        .output("type=image,name=localhost:5000/app:1,push=true").build()).request();

    assertThat(request.getFrontendAttrsMap()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "filename", "Dockerfile", "platform", "linux/amd64,linux/arm64"));
    assertThat(request.getExportersList()).hasSize(1);
  }

  @Test
  void exportersGoIntoTheNewAndTheDeprecatedFields() {
    SolvePlan plan = plan(build()
        .output("type=image,name=localhost:5000/app:1,push=true,registry.insecure=true")
        .output("type=local,dest=out")
        .build());
    SolveRequest request = plan.request();

    Exporter image = Exporter.newBuilder().setType("image").putAllAttrs(Map.of(
        "name", "localhost:5000/app:1", "push", "true", "registry.insecure", "true")).build();
    Exporter local = Exporter.newBuilder().setType("local").build();
    assertThat(request.getExportersList()).containsExactly(image, local);
    assertThat(request.getExporterDeprecated()).isEqualTo("image");
    assertThat(request.getExporterAttrsDeprecatedMap()).containsExactlyInAnyOrderEntriesOf(image.getAttrsMap());
    assertThat(plan.outputs()).containsExactly(
        Output.parse("type=image,name=localhost:5000/app:1,push=true,registry.insecure=true", base),
        new Output.LocalDirectory(base.resolve("out"), Map.of()));
  }

  @Test
  void fileOutputsSendNoDestination() {
    SolveRequest request = plan(build().output("type=oci,dest=image.tar,name=app:1").build()).request();

    assertThat(request.getExporterDeprecated()).isEqualTo("oci");
    assertThat(request.getExporterAttrsDeprecatedMap()).containsExactlyEntriesOf(Map.of("name", "app:1"));
    assertThat(request.getExporters(0).getAttrsMap()).containsExactlyEntriesOf(Map.of("name", "app:1"));
  }

  @Test
  void oldDaemonsRunOneOutputOnly() {
    DockerfileBuild build = build().output("type=image,name=app").output("type=local,dest=out").build();

    assertThatThrownBy(() -> SolveRequests.dockerfile(build, DaemonFeatures.buildkitd(null), "r", "s"))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
          assertThat(e.setting()).isEqualTo(SettingKey.OUTPUTS.key());
          assertThat(e.accepted()).isEqualTo(
              "BuildKit older than v0.11 runs one output per build; several need BuildKit v0.13 or newer");
        });
    assertThatThrownBy(() -> SolveRequests.dockerfile(build, DaemonFeatures.buildkitd("v0.12.5"), "r", "s"))
        .hasMessageContaining("BuildKit v0.12.5 runs one output per build");
    assertThat(SolveRequests.dockerfile(build, DaemonFeatures.buildkitd("v0.13.0"), "r", "s").request()
        .getExportersCount()).isEqualTo(2);
    assertThat(SolveRequests.dockerfile(build().output("type=tar,dest=fs.tar").build(),
        DaemonFeatures.buildkitd(null), "r", "s").request().getExporterDeprecated()).isEqualTo("tar");
  }

  @Test
  void theDockerEnginesImageExporterIsMoby() {
    SolveRequest request = SolveRequests.dockerfile(build().output("type=image,name=app:1").build(),
        DaemonFeatures.dockerEngine(null), "r", "s").request();

    Exporter moby = Exporter.newBuilder().setType("moby").putAttrs("name", "app:1").build();
    assertThat(request.getExportersList()).containsExactly(moby);
    assertThat(request.getExporterDeprecated()).isEqualTo("moby");
    assertThat(request.getExporterAttrsDeprecatedMap()).containsExactlyEntriesOf(Map.of("name", "app:1"));
  }

  @Test
  void theDockerEngineCannotPushOrWriteImageArchives() {
    DaemonFeatures engine = DaemonFeatures.dockerEngine(null);

    assertThatThrownBy(() -> SolveRequests.dockerfile(build().output("type=registry,name=localhost:5000/app").build(),
        engine, "r", "s")).hasMessageContaining("cannot push");
    assertThatThrownBy(() -> SolveRequests.dockerfile(build().output("type=oci,dest=a.tar").build(), engine, "r", "s"))
        .hasMessageContaining("image, tar and local outputs only");
  }

  @Test
  void theDockerEngineExportsOnlyAnInlineCache() {
    DaemonFeatures engine = DaemonFeatures.dockerEngine(null);

    assertThatThrownBy(() -> SolveRequests.dockerfile(
        build().cacheTo("type=registry,ref=localhost:5000/app:cache").build(), engine, "r", "s"))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
          assertThat(e.setting()).isEqualTo(SettingKey.CACHE_TO.key());
          assertThat(e.value()).isEqualTo("type=registry");
          assertThat(e).hasMessageContaining("exports only an inline cache");
        });
    assertThat(SolveRequests.dockerfile(build().cacheTo("type=inline").build(), engine, "r", "s").request()
        .getCache().getExportsList()).hasSize(1);
  }

  @Test
  void cacheImportsAndExportsAlsoFillTheFrontendsCacheImports() {
    SolveRequest request = plan(build()
        .cacheFrom("localhost:5000/app:cache")
        .cacheFrom("type=registry,ref=localhost:5000/app:main")
        .cacheTo("type=registry,ref=localhost:5000/app:cache,mode=max")
        .cacheTo("type=inline")
        .cacheTo("type=local,dest=cache")
        .build()).request();

    assertThat(request.getCache().getImportsList()).containsExactly(
        entry("registry", Map.of("ref", "localhost:5000/app:cache")),
        entry("registry", Map.of("ref", "localhost:5000/app:main")));
    assertThat(request.getCache().getExportsList()).containsExactly(
        entry("registry", Map.of("ref", "localhost:5000/app:cache", "mode", "max")),
        entry("inline", Map.of()),
        entry("local", Map.of("dest", base.resolve("cache").toString())));
    assertThat(request.getFrontendAttrsMap()).containsEntry("cache-imports",
        "[{\"Type\":\"registry\",\"Attrs\":{\"ref\":\"localhost:5000/app:cache\"}},"
            + "{\"Type\":\"registry\",\"Attrs\":{\"ref\":\"localhost:5000/app:main\"}}]");
  }

  @Test
  void aLocalCacheImportIsResolvedToItsDigestByTag() throws IOException {
    Path cache = Files.createDirectories(base.resolve("cache"));
    String digest = "sha256:" + "b".repeat(64);
    Files.writeString(cache.resolve("index.json"), """
        {"schemaVersion":2,"manifests":[
          {"mediaType":"application/vnd.oci.image.index.v1+json","digest":"sha256:%s","size":10,
           "annotations":{"org.opencontainers.image.ref.name":"old"}},
          {"mediaType":"application/vnd.oci.image.index.v1+json","digest":"%s","size":10,
           "annotations":{"org.opencontainers.image.ref.name":"latest"}}]}
        """.formatted("c".repeat(64), digest));

    SolvePlan plan = plan(build().cacheFrom("type=local,src=cache").build());

    CacheOptionsEntry expected = entry("local", Map.of("src", cache.toString(), "digest", digest));
    assertThat(plan.request().getCache().getImportsList()).containsExactly(expected);
    assertThat(plan.request().getFrontendAttrsMap().get("cache-imports"))
        .isEqualTo("[{\"Type\":\"local\",\"Attrs\":{\"digest\":\"" + digest + "\",\"src\":\"" + cache + "\"}}]");
    assertThat(plan.warnings()).isEmpty();
  }

  @Test
  void aLocalCacheThatDoesNotExistYetIsSkippedWithAWarning() throws IOException {
    Path cache = Files.createDirectories(base.resolve("cache"));
    Files.writeString(cache.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[]}");

    SolvePlan missing = plan(build().cacheFrom("type=local,src=absent").build());
    SolvePlan untagged = plan(build().cacheFrom("type=local,src=cache,tag=main").build());

    assertThat(missing.request().getCache().getImportsList()).isEmpty();
    assertThat(missing.request().getFrontendAttrsMap()).doesNotContainKey("cache-imports");
    assertThat(missing.warnings()).containsExactly(
        "local cache " + base.resolve("absent") + " does not exist yet; building without it");
    assertThat(untagged.warnings()).containsExactly("local cache " + cache + " has no tag main; building without it");
  }

  @Test
  void platformsAreNormalised() {
    SolveRequest request = plan(build().platforms("linux/x86_64,linux/aarch64,linux/arm").build()).request();

    assertThat(request.getFrontendAttrsMap()).containsEntry("platform", "linux/amd64,linux/arm64,linux/arm/v7");
  }

  @Test
  void daemonVersionsDecideWhetherSeveralExportersWork() {
    assertThat(DaemonFeatures.buildkitd("v0.13.2").multipleExporters()).isTrue();
    assertThat(DaemonFeatures.buildkitd("0.20.0-rc1").multipleExporters()).isTrue();
    assertThat(DaemonFeatures.buildkitd("v1.0.0").multipleExporters()).isTrue();
    assertThat(DaemonFeatures.buildkitd("v0.12.5").multipleExporters()).isFalse();
    assertThat(DaemonFeatures.buildkitd("unknown").multipleExporters()).isFalse();
    assertThat(DaemonFeatures.dockerEngine("v0.12.5")).isEqualTo(new DaemonFeatures(true, false, "v0.12.5"));
    assertThat(DaemonFeatures.of(new DaemonInfo(DaemonInfo.UNKNOWN, ""), true))
        .isEqualTo(new DaemonFeatures(true, false, "older than v0.11"));
    assertThat(DaemonFeatures.of(new DaemonInfo("v0.23.2", "abc"), false))
        .isEqualTo(new DaemonFeatures(false, true, "v0.23.2"));
  }

  @Test
  void outputsAreListedInExporterOrder() {
    SolvePlan plan = plan(build().output("type=tar,dest=a.tar").output("type=local,dest=dir").build());

    assertThat(plan.outputs()).extracting(Output::exporterType).isEqualTo(List.of("tar", "local"));
  }

  @Test
  void fileSendRoutesByExporterIndex() {
    SolvePlan plan = plan(build().output("type=image,name=app").output("type=local,dest=dir").build());

    assertThat(plan.clientOutputs()).containsExactly(
        Map.entry(1, new Output.LocalDirectory(base.resolve("dir"), Map.of())));
  }

  private static CacheOptionsEntry entry(String type, Map<String, String> attrs) {
    return CacheOptionsEntry.newBuilder().setType(type).putAllAttrs(attrs).build();
  }
}
