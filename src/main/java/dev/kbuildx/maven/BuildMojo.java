package dev.kbuildx.maven;

import dev.kbuildx.build.BuildOutputs;
import dev.kbuildx.build.BuildResult;
import dev.kbuildx.build.BuildRunner;
import dev.kbuildx.build.GitRevision;
import dev.kbuildx.build.ImageLabels;
import dev.kbuildx.build.ImageLoad;
import dev.kbuildx.build.LoadTarget;
import dev.kbuildx.build.SourceDateEpoch;
import dev.kbuildx.buildkit.DockerfileBuild;
import dev.kbuildx.driver.BuilderNodes;
import dev.kbuildx.driver.choice.DaemonChoice;
import dev.kbuildx.engine.EngineApi;
import dev.kbuildx.registry.CredentialsChain;
import dev.kbuildx.registry.DockerConfigCredentials;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Builds the project's Dockerfile with BuildKit, like {@code docker buildx build}, and writes
 * {@code target/kbuildx/build-result.json}. The daemon that builds is chosen in this order:
 * <ol>
 *   <li>{@code endpoint}: a standing BuildKit daemon;</li>
 *   <li>the builder whose {@code <nodes>} the POM declares, bootstrapped first when it is missing
 *       or not ready;</li>
 *   <li>a builder that exists in the cluster, named by {@code <builder>} or {@code -Dkbuildx.builder};</li>
 *   <li>with none of these, the local Docker Engine's BuildKit ({@code dockerHost}, else
 *       {@code DOCKER_HOST}, else the default socket), as buildx's default builder.</li>
 * </ol>
 * Registry credentials come from the {@code settings.xml} server named after the registry host,
 * then from the Docker configuration ({@code ~/.docker/config.json} and its credential helpers).
 * Later plugins find the image in the project properties {@value #DIGEST_PROPERTY} and
 * {@value #TAGS_PROPERTY}.
 *
 * @since 0.1.0
 */
@Mojo(name = "build", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true, requiresProject = true)
public class BuildMojo extends AbstractDaemonMojo {
  static final String DIGEST_PROPERTY = "kbuildx.image.digest";
  static final String TAGS_PROPERTY = "kbuildx.image.tags";
  static final String WORK_DIRECTORY = "kbuildx";
  static final String RESULT_FILE = WORK_DIRECTORY + "/build-result.json";
  /** Maven's reproducible-builds timestamp, which the archiver plugins read too. */
  static final String OUTPUT_TIMESTAMP = "project.build.outputTimestamp";

  /**
   * The Dockerfile.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.DOCKERFILE, defaultValue = "${project.basedir}/Dockerfile")
  protected File dockerfile;

  /**
   * The build context directory, uploaded to the builder (filtered by its {@code .dockerignore}).
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.CONTEXT, defaultValue = "${project.basedir}")
  protected File context;

  /**
   * Image names, such as {@code registry.example.com/team/app:1.0}. Without {@code outputs} they
   * name the built image (in the Docker Engine, or on the builder and pushed with {@code push});
   * with {@code outputs} they name the image outputs that have no name. With neither, the build
   * only fills the builder's cache.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.TAGS)
  protected List<String> tags;

  /**
   * Push the image that {@code tags} name. With {@code outputs}, push with an output such as
   * {@code type=registry,name=registry.example.com/app:1} instead.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.PUSH, defaultValue = "false")
  protected boolean push;

  /**
   * Where to load the image that {@code tags} name. {@code true} (or {@code docker}): into the local
   * Docker Engine ({@code dockerHost}, else {@code DOCKER_HOST}, else the default socket), as
   * {@code docker buildx build --load}: the builder exports a docker tarball, which the Engine API
   * loads. The Docker Engine's own builder keeps its images anyway. One platform only, because an
   * engine image holds one. A node's {@code default-load} driver option loads when neither
   * {@code push} nor {@code outputs} is set. {@code cluster}: into the containerd of the Kubernetes
   * node that builds, which takes a builder node with the driver option {@code worker=containerd};
   * pods on that Kubernetes node then run the image without a registry. {@code false}: neither.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.LOAD, defaultValue = "false")
  protected String load;

  /**
   * Comma-separated target platforms, such as {@code linux/amd64,linux/arm64}; by default the
   * builder's own.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.PLATFORMS)
  protected String platforms;

  /**
   * Build arguments ({@code ARG}s of the Dockerfile): {@code <buildArgs><NAME>value</NAME></buildArgs>}.
   * Maven cannot fill a map from one property, so there is no {@code -Dkbuildx.buildArgs}.
   *
   * @since 0.1.0
   */
  @Parameter
  protected Map<String, String> buildArgs;

  /**
   * The Dockerfile stage to build; by default the last one.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.TARGET)
  protected String target;

  /**
   * Image labels, on top of the OCI labels taken from the POM
   * ({@code org.opencontainers.image.version}, {@code title}, {@code description},
   * {@code source} from the SCM URL, and {@code revision}, the Git commit checked out around the
   * project, read from {@code .git} without a Git executable), which a label of the same name here replaces. Maven cannot
   * fill a map from one property, so there is no {@code -Dkbuildx.labels}.
   *
   * @since 0.1.0
   */
  @Parameter
  protected Map<String, String> labels;

  /**
   * Named build contexts, as buildx's {@code --build-context}, each {@code name=value}: the
   * context replaces the image or stage {@code name} wherever {@code FROM} or {@code COPY --from}
   * names it. The value is a directory (relative to the project), which is uploaded like the main
   * context, {@code docker-image://<image>}, or a git or {@code https://} URL, which the builder
   * fetches itself. buildx's {@code oci-layout://} contexts are not supported. A list, not a map,
   * because names such as {@code docker.io/library/alpine:3.20} are no XML element names:
   * {@code <buildContexts><buildContext>assets=src/assets</buildContext></buildContexts>}, or
   * {@code -Dkbuildx.buildContexts=assets=src/assets,alpine=docker-image://alpine:3.20}. They need
   * BuildKit v0.10 or newer.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.BUILD_CONTEXTS)
  protected List<String> buildContexts;

  /**
   * Build every step without the cache.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.NO_CACHE, defaultValue = "false")
  protected boolean noCache;

  /**
   * Stages to build again without the cache, as buildx's {@code --no-cache-filter}: the steps of
   * these Dockerfile stages run anew, every other step may come from the cache, such as
   * {@code <noCacheFilter><stage>test</stage></noCacheFilter>} or
   * {@code -Dkbuildx.noCacheFilter=test,lint}. {@code noCache} overrides it.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.NO_CACHE_FILTER)
  protected List<String> noCacheFilter;

  /**
   * Always look up newer versions of the base images.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.PULL, defaultValue = "false")
  protected boolean pull;

  /**
   * Network of the {@code RUN} steps: {@code default}, {@code host} (needs the builder's
   * {@code network.host} entitlement) or {@code none}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.NETWORK)
  protected String network;

  /**
   * Extra {@code /etc/hosts} entries of the {@code RUN} steps, each {@code host=ip}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.ADD_HOSTS)
  protected List<String> addHosts;

  /**
   * Size of {@code /dev/shm} of the {@code RUN} steps, such as {@code 128m}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.SHM_SIZE)
  protected String shmSize;

  /**
   * Ulimits of the {@code RUN} steps, each {@code name=soft[:hard]}, such as {@code nofile=1024:2048}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.ULIMITS)
  protected List<String> ulimits;

  /**
   * Secrets for {@code RUN --mount=type=secret}, in buildx's form: {@code id=npmrc,src=.npmrc}
   * (a file) or {@code id=token,env=CI_TOKEN} (an environment variable); or
   * {@code id=token,server=npm-registry}, the password of the {@code settings.xml} server with that
   * id, decrypted when it is encrypted. Their values never enter the logs or the image.
   * {@code -Dkbuildx.secrets} gives one secret, commas included.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.SECRETS)
  protected List<String> secrets;

  /**
   * SSH agents for {@code RUN --mount=type=ssh}, in buildx's {@code --ssh} form: {@code default}
   * (the agent of {@code SSH_AUTH_SOCK}), {@code id=/path/to/agent.sock}, or
   * {@code id=/path/to/key[,/path/to/other-key]}: unencrypted OpenSSH private keys served by an
   * agent that kbuildx runs in memory. The keys never leave this machine; the builder only asks the
   * agent to sign. {@code -Dkbuildx.ssh} gives one agent, commas included.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.SSH)
  protected List<String> ssh;

  /**
   * Attestations in buildx's {@code --attest} form: {@code type=provenance,mode=max} or
   * {@code type=sbom}. They need BuildKit 0.11 or newer. kbuildx adds none by default: provenance
   * records the build time, so it would change the image digest of every build and defeat
   * {@code sourceDateEpoch}. {@code -Dkbuildx.attestations} gives one attestation, commas included.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.ATTESTATIONS)
  protected List<String> attestations;

  /**
   * Shorthand for the provenance attestation, as buildx's {@code --provenance}: {@code true},
   * {@code false}, or its fields such as {@code mode=max}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.PROVENANCE)
  protected String provenance;

  /**
   * Shorthand for the SBOM attestation, as buildx's {@code --sbom}: {@code true}, {@code false},
   * or its fields such as {@code generator=docker/buildkit-syft-scanner}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.SBOM)
  protected String sbom;

  /**
   * Outputs in buildx's {@code --output} form, such as {@code type=local,dest=target/out},
   * {@code type=tar,dest=target/image.tar} or {@code type=registry,name=registry.example.com/app:1}.
   * When none is set, {@code tags} decide the output. {@code type=cacheonly} exports nothing and
   * only fills the build cache, also where the node's {@code default-load} would load the image.
   * {@code -Dkbuildx.outputs} gives one output, commas included.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.OUTPUTS)
  protected List<String> outputs;

  /**
   * Caches to import, in buildx's {@code --cache-from} form, such as
   * {@code type=registry,ref=registry.example.com/app:cache} or {@code type=local,src=...}.
   * {@code -Dkbuildx.cacheFrom} gives one cache, commas included.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.CACHE_FROM)
  protected List<String> cacheFrom;

  /**
   * Caches to export, in buildx's {@code --cache-to} form, such as {@code type=inline} or
   * {@code type=registry,ref=registry.example.com/app:cache,mode=max}. {@code -Dkbuildx.cacheTo}
   * gives one cache, commas included.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.CACHE_TO)
  protected List<String> cacheTo;

  /**
   * The {@code SOURCE_DATE_EPOCH} of the build, for reproducible images: seconds since 1970, such as
   * {@code 1672531200}, or an ISO-8601 time such as {@code 2023-01-01T00:00:00Z}. It is passed as
   * the build argument {@code SOURCE_DATE_EPOCH}, as buildx passes it, unless {@code buildArgs} set
   * that argument. When empty it comes from {@code project.build.outputTimestamp}, read as the
   * archiver plugins read it (one character that is not a digit, such as {@code x}, switches it
   * off), else from the {@code SOURCE_DATE_EPOCH} environment variable.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.SOURCE_DATE_EPOCH)
  protected String sourceDateEpoch;

  /**
   * Skip projects with {@code pom} packaging, such as the parent of the modules that build images.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.SKIP_POM, defaultValue = "true")
  protected boolean skipPom;

  private final SettingsDecrypter settingsDecrypter;

  @Inject
  public BuildMojo(SettingsDecrypter settingsDecrypter) {
    this.settingsDecrypter = settingsDecrypter;
  }

  @Override
  protected void run() {
    if (skipPom && "pom".equals(project.getPackaging())) {
      getLog().info("Skipping kbuildx:build for pom packaging; set " + PropertyNames.SKIP_POM + "=false to build");
      return;
    }
    DockerfileBuild build = dockerfileBuild();
    Map<String, String> environment = engineEnvironment();
    DaemonChoice choice = daemonChoice(environment);
    ImageLoad imageLoad = new ImageLoad(LoadTarget.parse(load), targetDirectory().resolve(WORK_DIRECTORY),
        () -> EngineApi.fromEnvironment(environment));
    String contextKey = build.context().toString();
    try (BuilderNodes builderNodes = connector(environment).nodes(choice, contextKey, imageLoad::checkBuilder)) {
      publish(new BuildRunner(credentials(), imageLoad, progressLog()).run(builderNodes, build, contextKey),
          !build.outputs().isEmpty());
    }
  }

  DockerfileBuild dockerfileBuild() {
    Path baseDirectory = baseDirectory();
    DockerfileBuild.Builder build = DockerfileBuild.builder(baseDirectory)
        .context(context.getPath())
        .dockerfile(dockerfile.getPath())
        .target(target)
        .platforms(platforms)
        .noCache(noCache)
        .pull(pull)
        .shmSize(shmSize);
    if (network != null && !network.isBlank()) {
      build.network(network);
    }
    orEmpty(buildArgs).forEach(build::buildArg);
    boolean epochGiven = orEmpty(buildArgs).keySet().stream()
        .anyMatch(name -> name != null && name.trim().equals(SourceDateEpoch.NAME));
    if (!epochGiven) {
      SourceDateEpoch.resolve(sourceDateEpoch, project.getProperties().getProperty(OUTPUT_TIMESTAMP), System::getenv)
          .ifPresent(epoch -> build.buildArg(SourceDateEpoch.NAME, Long.toString(epoch)));
    }
    ImageLabels.merge(project.getVersion(), project.getName(), project.getDescription(),
        project.getScm() == null ? null : project.getScm().getUrl(),
        GitRevision.of(project.getBasedir().toPath()).orElse(null), labels).forEach(build::label);
    orEmpty(noCacheFilter).forEach(build::noCacheFilter);
    orEmpty(buildContexts).forEach(build::buildContext);
    orEmpty(addHosts).forEach(build::addHost);
    orEmpty(ulimits).forEach(build::ulimit);
    for (String secret : csvSetting(secrets, PropertyNames.SECRETS)) {
      ServerSecret.parse(secret).ifPresentOrElse(
          server -> build.secret(server.id(), server.resolve(session.getSettings(), settingsDecrypter)),
          () -> build.secret(secret));
    }
    csvSetting(ssh, PropertyNames.SSH).forEach(build::ssh);
    csvSetting(attestations, PropertyNames.ATTESTATIONS).forEach(build::attestation);
    build.provenance(provenance).sbom(sbom);
    csvSetting(cacheFrom, PropertyNames.CACHE_FROM).forEach(build::cacheFrom);
    csvSetting(cacheTo, PropertyNames.CACHE_TO).forEach(build::cacheTo);
    BuildOutputs.apply(build, baseDirectory, tagList(), push, csvSetting(outputs, PropertyNames.OUTPUTS));
    return build.build();
  }

  private Path targetDirectory() {
    return Path.of(project.getBuild().getDirectory());
  }

  private CredentialsChain credentials() {
    return new CredentialsChain(List.of(new SettingsCredentialSource(session.getSettings(), settingsDecrypter),
        DockerConfigCredentials.fromEnvironment()));
  }

  /** @param exported the build had outputs, so even without tags it produced something */
  private void publish(BuildResult result, boolean exported) {
    Path file = targetDirectory().resolve(RESULT_FILE);
    result.write(file);
    if (result.digest() != null) {
      project.getProperties().setProperty(DIGEST_PROPERTY, result.digest());
    }
    project.getProperties().setProperty(TAGS_PROPERTY, String.join(",", result.tags()));
    String what = !result.tags().isEmpty() ? String.join(", ", result.tags())
        : exported ? "the outputs" : "into the build cache";
    getLog().info("Built " + what
        + (result.digest() == null ? "" : " (" + result.digest() + ")") + "; wrote " + file);
  }

  /**
   * A list whose entries are buildx CSV: Maven splits a property at every comma, so a property's
   * whole value is one entry, and it replaces the POM's list as properties do.
   */
  private List<String> csvSetting(List<String> configured, String property) {
    String value = session.getUserProperties().getProperty(property);
    return value == null ? orEmpty(configured) : List.of(value);
  }

  private List<String> tagList() {
    return orEmpty(tags).stream().map(String::trim).filter(tag -> !tag.isEmpty()).toList();
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static Map<String, String> orEmpty(Map<String, String> map) {
    return map == null ? Map.of() : map;
  }
}
