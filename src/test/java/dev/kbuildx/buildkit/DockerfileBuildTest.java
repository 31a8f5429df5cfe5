package dev.kbuildx.buildkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.SettingKey;
import dev.kbuildx.buildkit.session.SecretSource;
import dev.kbuildx.platform.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class DockerfileBuildTest {
  @TempDir
  Path base;

  @BeforeEach
  void dockerfile() throws IOException {
    Files.writeString(base.resolve("Dockerfile"), "FROM scratch\n");
  }

  @Test
  void defaultsToTheBaseDirectoryAndItsDockerfile() {
    DockerfileBuild build = DockerfileBuild.builder(base).build();

    assertThat(build.context()).isEqualTo(base);
    assertThat(build.dockerfile()).isEqualTo(base.resolve("Dockerfile"));
    assertThat(build.target()).isNull();
    assertThat(build.network()).isEqualTo(NetworkMode.DEFAULT);
    assertThat(build.platforms()).isEmpty();
    assertThat(build.outputs()).isEmpty();
    assertThat(build.shmSize()).isZero();
  }

  @Test
  void collectsEverySetting() throws IOException {
    Files.createDirectories(base.resolve("app/docker"));
    Files.writeString(base.resolve("app/docker/Build.dockerfile"), "FROM scratch\n");
    Files.createDirectories(base.resolve("shared"));
    Files.writeString(base.resolve(".npmrc"), "registry=https://npm.example.com/\n");

    DockerfileBuild build = DockerfileBuild.builder(base)
        .context("app")
        .dockerfile("app/docker/Build.dockerfile")
        .target(" runtime ")
        .buildArg("VERSION", "1.0")
        .buildArg("EMPTY", null)
        .label("org.opencontainers.image.title", "app")
        .platforms("linux/amd64, linux/arm64")
        .platforms("linux/x86_64")
        .noCacheFilter("deps, build")
        .pull(true)
        .network("host")
        .addHost("db=10.0.0.5")
        .addHost("v6:[fd00::1]")
        .shmSize("128m")
        .ulimit("nofile=1024:2048")
        .ulimit("nproc=512")
        .buildContext("docker.io/library/alpine:latest", "docker-image://alpine:3.20")
        .buildContext("shared", "shared")
        .secret("id=npmrc,src=.npmrc")
        .secretEnvironment("TOKEN", "CI_TOKEN")
        .secretFile("key", "keys/key.pem")
        .output("type=registry,name=localhost:5000/app:1.0")
        .cacheFrom("localhost:5000/app:cache")
        .cacheTo("type=inline")
        .build();

    assertThat(build.context()).isEqualTo(base.resolve("app"));
    assertThat(build.dockerfile()).isEqualTo(base.resolve("app/docker/Build.dockerfile"));
    assertThat(build.target()).isEqualTo("runtime");
    assertThat(build.buildArgs()).containsExactly(Map.entry("VERSION", "1.0"), Map.entry("EMPTY", ""));
    assertThat(build.labels()).containsExactly(Map.entry("org.opencontainers.image.title", "app"));
    assertThat(build.platforms()).containsExactly(new Platform("linux", "amd64", null), new Platform("linux",
        "arm64", null));
    assertThat(build.noCache()).isFalse();
    assertThat(build.noCacheFilter()).containsExactly("deps", "build");
    assertThat(build.pull()).isTrue();
    assertThat(build.network()).isEqualTo(NetworkMode.HOST);
    assertThat(build.addHosts()).containsExactly(new ExtraHost("db", "10.0.0.5"), new ExtraHost("v6", "fd00::1"));
    assertThat(build.shmSize()).isEqualTo(128L * 1024 * 1024);
    assertThat(build.ulimits()).containsExactly(new Ulimit("nofile", 1024, 2048), new Ulimit("nproc", 512, 512));
    assertThat(build.buildContexts()).containsExactly(
        Map.entry("alpine", new NamedContext.Source("docker-image://alpine:3.20")),
        Map.entry("shared", new NamedContext.LocalDirectory(base.resolve("shared"))));
    assertThat(build.secrets()).containsExactly(
        Map.entry("npmrc", new SecretSource.FromFile(base.resolve(".npmrc"))),
        Map.entry("TOKEN", new SecretSource.FromEnvironment("CI_TOKEN")),
        Map.entry("key", new SecretSource.FromFile(base.resolve("keys/key.pem"))));
    assertThat(build.outputs()).containsExactly(Output.Image.of(List.of("localhost:5000/app:1.0"), true));
    assertThat(build.cacheFrom()).containsExactly(new CacheSpec.Registry("localhost:5000/app:cache", Map.of()));
    assertThat(build.cacheTo()).containsExactly(new CacheSpec.Inline());
  }

  @Test
  void acceptsTheLowerCaseDockerfileTheFrontendFallsBackTo() throws IOException {
    Path context = Files.createDirectory(base.resolve("lower"));
    Files.writeString(context.resolve("dockerfile"), "FROM scratch\n");

    DockerfileBuild build = DockerfileBuild.builder(base).context("lower").build();

    assertThat(build.dockerfile()).isEqualTo(context.resolve("Dockerfile"));
  }

  @Test
  void readsMemorySizesAsDockerDoes() {
    assertThat(DockerfileBuild.builder(base).shmSize("67108864").build().shmSize()).isEqualTo(67108864L);
    assertThat(DockerfileBuild.builder(base).shmSize("64MiB").build().shmSize()).isEqualTo(64L << 20);
    assertThat(DockerfileBuild.builder(base).shmSize("1.5g").build().shmSize()).isEqualTo(3L << 29);
    assertThat(DockerfileBuild.builder(base).shmSize("512 kb").build().shmSize()).isEqualTo(512L << 10);
    assertThat(DockerfileBuild.builder(base).shmSize(" ").build().shmSize()).isZero();
  }

  @Test
  void refusesInvalidSettingsNamingThem() throws IOException {
    Files.writeString(base.resolve("file"), "x");

    assertRefused(SettingKey.CONTEXT.key(), "missing", "expected an existing directory",
        () -> DockerfileBuild.builder(base).context("missing").build());
    assertRefused(SettingKey.DOCKERFILE.key(), "Other", "expected an existing file",
        () -> DockerfileBuild.builder(base).dockerfile("Other").build());
    assertRefused(SettingKey.BUILD_ARGS.key(), "A=B", "without '='", () -> DockerfileBuild.builder(base)
        .buildArg("A=B", "x"));
    assertRefused(SettingKey.LABELS.key(), " ", "non-empty name", () -> DockerfileBuild.builder(base).label(" ", "x"));
    assertRefused(SettingKey.PLATFORMS.key(), "linux/", "os/arch", () -> DockerfileBuild.builder(base)
        .platforms("linux/"));
    assertRefused(SettingKey.NETWORK.key(), "bridge", "default, host or none",
        () -> DockerfileBuild.builder(base).network("bridge"));
    assertRefused(SettingKey.SHM_SIZE.key(), "lots", "64m", () -> DockerfileBuild.builder(base).shmSize("lots"));
    assertRefused(SettingKey.SHM_SIZE.key(), "0", "64m", () -> DockerfileBuild.builder(base).shmSize("0"));
    assertRefused(SettingKey.BUILD_CONTEXTS.key(), "Alpine", "lower-case",
        () -> DockerfileBuild.builder(base).buildContext("Alpine", "docker-image://alpine"));
    assertRefused(SettingKey.SECRETS.key(), "", "non-empty name", () -> DockerfileBuild.builder(base)
        .secretFile("", "x"));
    assertRefused(SettingKey.CACHE_TO.key(), "type=inline", "already exported",
        () -> DockerfileBuild.builder(base).cacheTo("type=inline").cacheTo("type=inline"));
    assertRefused(SettingKey.OUTPUTS.key(), base.resolve("out.tar").toString(), "same destination",
        () -> DockerfileBuild.builder(base).output("type=tar,dest=out.tar").output("type=oci,dest=out.tar").build());
    assertRefused(SettingKey.OUTPUTS.key(), "type=docker", "use type=oci for 2 platforms",
        () -> DockerfileBuild.builder(base).platforms("linux/amd64,linux/arm64")
            .output("type=docker,dest=a.tar").build());
  }

  @Test
  void readsExtraHostsAsBuildxDoes() {
    assertThat(ExtraHost.parse("db:10.0.0.5")).isEqualTo(new ExtraHost("db", "10.0.0.5"));
    assertThat(ExtraHost.parse("db=::1")).isEqualTo(new ExtraHost("db", "::1"));
    assertThat(ExtraHost.parse("db=10.0.0.5").toString()).isEqualTo("db=10.0.0.5");
    for (String invalid : List.of("db", "=10.0.0.5", "db=", "db=256.0.0.1", "db=example.com", "db=host-gateway",
        "db=fd00::zz", "db=[10.0.0.1")) {
      assertThatThrownBy(() -> ExtraHost.parse(invalid))
          .as(invalid)
          .isInstanceOfSatisfying(InvalidSettingException.class,
              e -> assertThat(e.setting()).isEqualTo(SettingKey.ADD_HOSTS.key()));
    }
  }

  @Test
  void readsUlimitsAsDockerDoes() {
    assertThat(Ulimit.parse("core=0").toString()).isEqualTo("core=0:0");
    assertThat(Ulimit.parse("nofile=-1:-1")).isEqualTo(new Ulimit("nofile", -1, -1));
    assertThatThrownBy(() -> Ulimit.parse("nofile=2048:1024")).hasMessageContaining("above the hard limit");
    assertThatThrownBy(() -> Ulimit.parse("files=1")).hasMessageContaining("unknown limit files");
    assertThatThrownBy(() -> Ulimit.parse("nofile=1:2:3")).hasMessageContaining("name=soft[:hard]");
    assertThatThrownBy(() -> Ulimit.parse("nofile=many")).hasMessageContaining("name=soft[:hard]");
    assertThatThrownBy(() -> Ulimit.parse("nofile")).hasMessageContaining("name=soft[:hard]");
  }

  @Test
  void readsNamedContexts() throws IOException {
    Files.createDirectory(base.resolve("lib"));

    assertThat(NamedContext.parse("lib", base)).isEqualTo(new NamedContext.LocalDirectory(base.resolve("lib")));
    assertThat(NamedContext.parse("https://github.com/org/repo.git#main", base))
        .isEqualTo(new NamedContext.Source("https://github.com/org/repo.git#main"));
    assertThat(NamedContext.parse("git@github.com:org/repo.git", base))
        .isEqualTo(new NamedContext.Source("git@github.com:org/repo.git"));
    assertThat(NamedContext.normaliseName("docker.io/library/alpine:latest")).isEqualTo("alpine");
    assertThat(NamedContext.normaliseName("host:5000/base:1")).isEqualTo("host:5000/base:1");
    assertThatThrownBy(() -> NamedContext.parse("missing", base)).hasMessageContaining("is not a directory");
    assertThatThrownBy(() -> NamedContext.parse("docker-image://Bad", base)).hasMessageContaining("lower-case");
    assertThatThrownBy(() -> NamedContext.parse("oci-layout://store@sha256:" + "a".repeat(64), base))
        .hasMessageContaining("content store");
    assertThatThrownBy(() -> NamedContext.parse("target:base", base)).hasMessageContaining("belong to bake");
  }

  @Test
  void readsSecretsAsBuildxDoes() throws IOException {
    Files.writeString(base.resolve("f"), "value");
    assertThat(SecretSource.parse("id=a,source=f", base)).isEqualTo(
        new SecretSource.Declared("a", new SecretSource.FromFile(base.resolve("f"))));
    assertThat(SecretSource.parse("type=env,id=TOKEN", base)).isEqualTo(
        new SecretSource.Declared("TOKEN", new SecretSource.FromEnvironment("TOKEN")));
    assertThat(SecretSource.parse("type=env,id=t,src=CI_TOKEN", base)).isEqualTo(
        new SecretSource.Declared("t", new SecretSource.FromEnvironment("CI_TOKEN")));
    assertThat(SecretSource.parse("id=t,env=CI_TOKEN", base)).isEqualTo(
        new SecretSource.Declared("t", new SecretSource.FromEnvironment("CI_TOKEN")));
    assertThatThrownBy(() -> SecretSource.parse("id=t", base)).hasMessageContaining("src or env is required");
    assertThatThrownBy(() -> SecretSource.parse("src=f", base)).hasMessageContaining("id is required");
    assertThatThrownBy(() -> SecretSource.parse("id=t,src=missing", base))
        .hasMessageContaining("the secret file " + base.resolve("missing") + " does not exist");
    assertThatThrownBy(() -> SecretSource.parse("id=t,src=f,env=V", base)).hasMessageContaining("not both");
    assertThatThrownBy(() -> SecretSource.parse("type=file,id=t,env=V", base)).hasMessageContaining("reads src");
    assertThatThrownBy(() -> SecretSource.parse("type=ssh,id=t", base))
        .hasMessageContaining("type must be file or env");
    assertThatThrownBy(() -> SecretSource.parse("id=t,src=f,required=true", base))
        .hasMessageContaining("unknown field required");
  }

  private static void assertRefused(String setting, String value, String accepted, Executable action) {
    assertThatThrownBy(action::execute)
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
          assertThat(e.setting()).isEqualTo(setting);
          assertThat(e.value()).endsWith(value);
          assertThat(e.accepted()).contains(accepted);
        });
  }
}
