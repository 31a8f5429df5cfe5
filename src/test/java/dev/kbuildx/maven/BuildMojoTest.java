package dev.kbuildx.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.buildkit.DockerfileBuild;
import dev.kbuildx.buildkit.ExtraHost;
import dev.kbuildx.buildkit.NamedContext;
import dev.kbuildx.buildkit.NetworkMode;
import dev.kbuildx.buildkit.Output;
import dev.kbuildx.buildkit.Ulimit;
import dev.kbuildx.buildkit.session.SecretSource;
import dev.kbuildx.platform.Platform;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.maven.execution.DefaultMavenExecutionRequest;
import org.apache.maven.execution.DefaultMavenExecutionResult;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Scm;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the build goal's parameters become one {@link DockerfileBuild}. */
class BuildMojoTest {
  @TempDir Path dir;
  private BuildMojo mojo;
  private final DefaultMavenExecutionRequest request = new DefaultMavenExecutionRequest();

  @BeforeEach
  void project() throws IOException {
    Files.createDirectories(dir.resolve("docker"));
    Files.writeString(dir.resolve("docker/Dockerfile"), "FROM scratch\n");
    MavenProject project = new MavenProject();
    project.setFile(dir.resolve("pom.xml").toFile());
    project.setVersion("1.4.0");
    project.setName("Orders");
    project.setDescription("Takes orders");
    Scm scm = new Scm();
    scm.setUrl("https://git.example.com/orders");
    project.setScm(scm);
    mojo = new BuildMojo(null);
    mojo.project = project;
    mojo.session = newSession(request, project);
    mojo.context = dir.toFile();
    mojo.dockerfile = new File("docker/Dockerfile");
  }

  @Test
  void everyParameterReachesTheBuild() {
    mojo.tags = List.of("registry.example.com/orders:1.4.0");
    mojo.platforms = "linux/amd64,linux/arm64";
    mojo.buildArgs = Map.of("JAR", "orders.jar");
    mojo.target = "runtime";
    mojo.labels = Map.of("team", "payments");
    mojo.noCache = true;
    mojo.pull = true;
    mojo.network = "none";
    mojo.addHosts = List.of("db=10.0.0.5");
    mojo.shmSize = "1m";
    mojo.ulimits = List.of("nofile=1024:2048");
    mojo.secrets = List.of("id=token,env=CI_TOKEN");
    mojo.cacheFrom = List.of("type=registry,ref=registry.example.com/orders:cache");
    mojo.cacheTo = List.of("type=inline");
    mojo.noCacheFilter = List.of("deps", "test");
    mojo.buildContexts = List.of("docker=docker", "alpine=docker-image://alpine:3.20");

    DockerfileBuild build = mojo.dockerfileBuild();

    assertThat(build.context()).isEqualTo(dir);
    assertThat(build.dockerfile()).isEqualTo(dir.resolve("docker/Dockerfile"));
    assertThat(build.outputs()).containsExactly(Output.Image.of(List.of("registry.example.com/orders:1.4.0"), false));
    assertThat(build.platforms()).containsExactly(Platform.parse("linux/amd64", "t"), Platform.parse("linux/arm64", "t"));
    assertThat(build.buildArgs()).containsExactly(Map.entry("JAR", "orders.jar"));
    assertThat(build.target()).isEqualTo("runtime");
    assertThat(build.labels()).containsExactly(
        Map.entry("org.opencontainers.image.version", "1.4.0"),
        Map.entry("org.opencontainers.image.title", "Orders"),
        Map.entry("org.opencontainers.image.description", "Takes orders"),
        Map.entry("org.opencontainers.image.source", "https://git.example.com/orders"),
        Map.entry("team", "payments"));
    assertThat(build.noCache()).isTrue();
    assertThat(build.pull()).isTrue();
    assertThat(build.network()).isEqualTo(NetworkMode.NONE);
    assertThat(build.addHosts()).containsExactly(ExtraHost.parse("db=10.0.0.5"));
    assertThat(build.shmSize()).isEqualTo(1024 * 1024);
    assertThat(build.ulimits()).containsExactly(Ulimit.parse("nofile=1024:2048"));
    assertThat(build.secrets()).containsExactly(Map.entry("token", new SecretSource.FromEnvironment("CI_TOKEN")));
    assertThat(build.cacheFrom()).hasSize(1);
    assertThat(build.cacheTo()).hasSize(1);
    assertThat(build.noCacheFilter()).containsExactly("deps", "test");
    assertThat(build.buildContexts()).containsExactly(
        Map.entry("docker", new NamedContext.LocalDirectory(dir.resolve("docker"))),
        Map.entry("alpine", new NamedContext.Source("docker-image://alpine:3.20")));
  }

  @Test
  void withoutSettingsTheBuildUsesTheDefaultsAndOnlyFillsTheCache() {
    DockerfileBuild build = mojo.dockerfileBuild();

    assertThat(build.outputs()).isEmpty();
    assertThat(build.network()).isEqualTo(NetworkMode.DEFAULT);
    assertThat(build.platforms()).isEmpty();
    assertThat(build.target()).isNull();
  }

  @Test
  void aCsvPropertyIsOneEntryAndReplacesThePomList() {
    mojo.outputs = List.of("type=tar,dest=from-pom.tar");
    request.getUserProperties().setProperty("kbuildx.outputs", "type=local,dest=target/out");
    request.getUserProperties().setProperty("kbuildx.secrets", "id=token,env=CI_TOKEN");

    DockerfileBuild build = mojo.dockerfileBuild();

    assertThat(build.outputs()).containsExactly(new Output.LocalDirectory(dir.resolve("target/out"), Map.of()));
    assertThat(build.secrets()).containsExactly(Map.entry("token", new SecretSource.FromEnvironment("CI_TOKEN")));
  }

  @Test
  void theOutputTimestampBecomesTheSourceDateEpochBuildArgument() {
    mojo.project.getProperties().setProperty("project.build.outputTimestamp", "2023-01-01T00:00:00Z");

    assertThat(mojo.dockerfileBuild().buildArgs()).containsEntry("SOURCE_DATE_EPOCH", "1672531200");

    mojo.sourceDateEpoch = "1700000000";
    assertThat(mojo.dockerfileBuild().buildArgs()).containsEntry("SOURCE_DATE_EPOCH", "1700000000");
  }

  @Test
  void anExplicitBuildArgumentWinsOverTheDerivedEpoch() {
    mojo.project.getProperties().setProperty("project.build.outputTimestamp", "not a time");
    mojo.buildArgs = Map.of("SOURCE_DATE_EPOCH", "42");

    assertThat(mojo.dockerfileBuild().buildArgs()).containsExactly(Map.entry("SOURCE_DATE_EPOCH", "42"));
  }

  @Test
  void anInvalidOutputTimestampFailsNamingTheProperty() {
    mojo.project.getProperties().setProperty("project.build.outputTimestamp", "2023-01-01");

    assertThatThrownBy(() -> mojo.dockerfileBuild())
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(SettingLocations.message(e))
            .startsWith("invalid outputTimestamp \"2023-01-01\"")
            .contains("It is set by the project.build.outputTimestamp property"));
  }

  @SuppressWarnings("deprecation") // The constructor a test can call without a container.
  private static MavenSession newSession(DefaultMavenExecutionRequest request, MavenProject project) {
    return new MavenSession(null, request, new DefaultMavenExecutionResult(), project);
  }

  @Test
  void aBuildContextIsNameEqualsValueAndAnUnsupportedKindSaysWhatIsAccepted() {
    mojo.buildContexts = List.of("base");
    assertThatThrownBy(() -> mojo.dockerfileBuild())
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(SettingLocations.message(e))
            .isEqualTo("invalid buildContexts \"base\": expected name=value, such as assets=src/assets or"
                + " alpine=docker-image://alpine:3.20. It is set by <buildContexts> or -Dkbuildx.buildContexts."));

    mojo.buildContexts = List.of("base=oci-layout://target/layout");
    assertThatThrownBy(() -> mojo.dockerfileBuild())
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(SettingLocations.message(e))
            .contains("oci-layout:// contexts need a client-side content store")
            .endsWith("It is set by <buildContexts> or -Dkbuildx.buildContexts."));
  }

  @Test
  void aBadValueFailsNamingItsElementAndProperty() {
    mojo.network = "bogus";

    assertThatThrownBy(() -> mojo.dockerfileBuild())
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(SettingLocations.message(e))
            .contains("invalid network \"bogus\"").endsWith("It is set by <network> or -Dkbuildx.network."));
  }
}
