package dev.kbuildx.buildkit;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.SettingKey;
import dev.kbuildx.options.ByteSize;
import dev.kbuildx.buildkit.session.SecretSource;
import dev.kbuildx.buildkit.session.SshAgentSource;
import dev.kbuildx.platform.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the user asks one Dockerfile build to do, validated: the settings of {@code docker buildx
 * build}. Build it with {@link #builder(Path)}; every setting is checked when it is given, so that
 * an error names the setting, the value and what is accepted (keys in {@link dev.kbuildx.SettingKey}).
 *
 * @param context the build context directory
 * @param dockerfile the Dockerfile; uploaded from its own directory
 * @param target the stage to build, or null for the last one
 * @param platforms target platforms; empty builds for the builder's own platform
 * @param noCache ignore the cache for every stage
 * @param noCacheFilter stages to rebuild without cache (ignored when {@code noCache})
 * @param pull always look up a newer base image in its registry
 * @param shmSize bytes of {@code /dev/shm} for {@code RUN} steps, 0 for BuildKit's default
 * @param buildContexts named contexts by their normalised name
 * @param secrets secret sources by id; the values never enter the build request
 * @param outputs exporters, in the order they are sent; empty builds into the cache only
 * @param ssh SSH agents by id for {@code RUN --mount=type=ssh}; keys never enter the build request
 * @param attestations attestations by type; those not declared are not requested
 * @param multiPlatform make an image index even for one platform, as each node of a multi-node
 *     build does so that the indexes can be merged
 * @param cacheOnly the user declared buildx's {@code type=cacheonly} output: nothing is exported and,
 *     unlike a build with no output at all, the node's {@code default-load} does not apply
 */
public record DockerfileBuild(
    Path context,
    Path dockerfile,
    String target,
    Map<String, String> buildArgs,
    Map<String, String> labels,
    List<Platform> platforms,
    boolean noCache,
    List<String> noCacheFilter,
    boolean pull,
    NetworkMode network,
    List<ExtraHost> addHosts,
    long shmSize,
    List<Ulimit> ulimits,
    Map<String, NamedContext> buildContexts,
    Map<String, SecretSource> secrets,
    List<Output> outputs,
    List<CacheSpec> cacheFrom,
    List<CacheSpec> cacheTo,
    Map<String, SshAgentSource> ssh,
    Map<String, Attestation> attestations,
    boolean multiPlatform,
    boolean cacheOnly) {

  public DockerfileBuild {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(dockerfile, "dockerfile");
    Objects.requireNonNull(network, "network");
    buildArgs = ordered(buildArgs);
    labels = ordered(labels);
    platforms = List.copyOf(platforms);
    noCacheFilter = List.copyOf(noCacheFilter);
    addHosts = List.copyOf(addHosts);
    ulimits = List.copyOf(ulimits);
    buildContexts = ordered(buildContexts);
    secrets = ordered(secrets);
    outputs = List.copyOf(outputs);
    cacheFrom = List.copyOf(cacheFrom);
    cacheTo = List.copyOf(cacheTo);
    ssh = ordered(ssh);
    attestations = ordered(attestations);
  }

  /**
   * This build as one node of a builder runs it: only the platforms assigned to that node, and the
   * outputs that node exports.
   */
  public DockerfileBuild forNode(List<Platform> nodePlatforms, List<Output> nodeOutputs, boolean index) {
    return new DockerfileBuild(context, dockerfile, target, buildArgs, labels, nodePlatforms, noCache, noCacheFilter,
        pull, network, addHosts, shmSize, ulimits, buildContexts, secrets, nodeOutputs, cacheFrom, cacheTo, ssh,
        attestations, index, cacheOnly);
  }

  /** A builder whose relative paths are resolved against {@code baseDirectory}, the project's folder. */
  public static Builder builder(Path baseDirectory) {
    return new Builder(baseDirectory);
  }

  private static <K, V> Map<K, V> ordered(Map<K, V> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  /** Collects and checks the settings of one build. */
  public static final class Builder {
    private final Path baseDirectory;
    private Path context;
    private Path dockerfile;
    private String target;
    private final Map<String, String> buildArgs = new LinkedHashMap<>();
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final List<Platform> platforms = new ArrayList<>();
    private boolean noCache;
    private final Set<String> noCacheFilter = new LinkedHashSet<>();
    private boolean pull;
    private NetworkMode network = NetworkMode.DEFAULT;
    private final List<ExtraHost> addHosts = new ArrayList<>();
    private long shmSize;
    private final Map<String, Ulimit> ulimits = new LinkedHashMap<>();
    private final Map<String, NamedContext> buildContexts = new LinkedHashMap<>();
    private final Map<String, SecretSource> secrets = new LinkedHashMap<>();
    private final List<Output> outputs = new ArrayList<>();
    private boolean cacheOnly;
    private final List<CacheSpec> cacheFrom = new ArrayList<>();
    private final List<CacheSpec> cacheTo = new ArrayList<>();
    private final Map<String, SshAgentSource> ssh = new LinkedHashMap<>();
    private final Map<String, Attestation> attestations = new LinkedHashMap<>();

    private Builder(Path baseDirectory) {
      this.baseDirectory = baseDirectory.toAbsolutePath().normalize();
    }

    /** The context directory; the base directory when never set. */
    public Builder context(String directory) {
      this.context = resolve(directory, SettingKey.CONTEXT.key());
      return this;
    }

    /** The Dockerfile; {@code Dockerfile} in the context when never set. */
    public Builder dockerfile(String file) {
      this.dockerfile = resolve(file, SettingKey.DOCKERFILE.key());
      return this;
    }

    /** The stage to build; blank means the last stage. */
    public Builder target(String stage) {
      this.target = stage == null || stage.isBlank() ? null : stage.trim();
      return this;
    }

    /** A build argument; null is the empty value, as an empty XML element gives. */
    public Builder buildArg(String name, String value) {
      buildArgs.put(key(name, SettingKey.BUILD_ARGS.key()), value == null ? "" : value);
      return this;
    }

    /** An image label; null is the empty value. */
    public Builder label(String name, String value) {
      labels.put(key(name, SettingKey.LABELS.key()), value == null ? "" : value);
      return this;
    }

    /** Comma-separated target platforms, added to those given before. */
    public Builder platforms(String csv) {
      for (Platform platform : Platform.parseList(csv, SettingKey.PLATFORMS.key())) {
        if (!platforms.contains(platform)) {
          platforms.add(platform);
        }
      }
      return this;
    }

    /** Ignore the cache for every stage. */
    public Builder noCache(boolean noCache) {
      this.noCache = noCache;
      return this;
    }

    /** Comma-separated stages to rebuild without the cache, added to those given before. */
    public Builder noCacheFilter(String stages) {
      for (String stage : stages == null ? new String[0] : stages.split(",")) {
        if (!stage.isBlank()) {
          noCacheFilter.add(stage.trim());
        }
      }
      return this;
    }

    /** Always check the registry for newer base images. */
    public Builder pull(boolean pull) {
      this.pull = pull;
      return this;
    }

    /** {@code default}, {@code host} or {@code none}. */
    public Builder network(String mode) {
      this.network = NetworkMode.parse(mode);
      return this;
    }

    /** An extra host, {@code host=ip}. */
    public Builder addHost(String spec) {
      addHosts.add(ExtraHost.parse(spec));
      return this;
    }

    /** The size of {@code /dev/shm}, e.g. {@code 128m}; blank leaves BuildKit's default. */
    public Builder shmSize(String size) {
      this.shmSize = size == null || size.isBlank() ? 0 : bytes(size.trim());
      return this;
    }

    /** A ulimit, {@code name=soft[:hard]}; a later one for the same name replaces the earlier. */
    public Builder ulimit(String spec) {
      Ulimit ulimit = Ulimit.parse(spec);
      ulimits.put(ulimit.name(), ulimit);
      return this;
    }

    /** A named context in buildx's {@code --build-context} form, {@code name=value}. */
    public Builder buildContext(String spec) {
      int equals = spec == null ? -1 : spec.indexOf('=');
      if (equals <= 0) {
        throw InvalidSettingException.setting(SettingKey.BUILD_CONTEXTS.key(), spec == null ? "" : spec,
            "expected name=value, such as assets=src/assets or alpine=docker-image://alpine:3.20");
      }
      return buildContext(spec.substring(0, equals), spec.substring(equals + 1));
    }

    /** A named context; see {@link NamedContext#parse}. */
    public Builder buildContext(String name, String value) {
      buildContexts.put(NamedContext.normaliseName(name), NamedContext.parse(value, baseDirectory));
      return this;
    }

    /** A secret in buildx's form, e.g. {@code id=npmrc,src=.npmrc} or {@code id=TOKEN,env=CI_TOKEN}. */
    public Builder secret(String spec) {
      SecretSource.Declared declared = SecretSource.parse(spec, baseDirectory);
      secrets.put(declared.id(), declared.source());
      return this;
    }

    /** A secret from any source, such as a value the caller resolved. */
    public Builder secret(String id, SecretSource source) {
      secrets.put(key(id, SettingKey.SECRETS.key()), Objects.requireNonNull(source, "source"));
      return this;
    }

    /** A secret read from a file. */
    public Builder secretFile(String id, String file) {
      Path path = resolve(file, SettingKey.SECRETS.key());
      secrets.put(key(id, SettingKey.SECRETS.key()), new SecretSource.FromFile(path));
      return this;
    }

    /** A secret read from an environment variable. */
    public Builder secretEnvironment(String id, String variable) {
      String name = key(variable, SettingKey.SECRETS.key());
      secrets.put(key(id, SettingKey.SECRETS.key()), new SecretSource.FromEnvironment(name));
      return this;
    }

    /**
     * An output in buildx's form, e.g. {@code type=registry,name=host/app:1} or a directory; as in
     * buildx, {@code type=cacheonly} adds no exporter, whatever other outputs there are.
     */
    public Builder output(String spec) {
      if (Output.cacheOnly(spec)) {
        cacheOnly = true;
        return this;
      }
      return output(Output.parse(spec, baseDirectory));
    }

    public Builder output(Output output) {
      outputs.add(Objects.requireNonNull(output, "output"));
      return this;
    }

    /** A cache to import, e.g. {@code type=registry,ref=host/app:cache} or just a reference. */
    public Builder cacheFrom(String spec) {
      cacheFrom.add(CacheSpec.parseImport(spec, baseDirectory));
      return this;
    }

    /** A cache to export, e.g. {@code type=registry,ref=host/app:cache,mode=max} or {@code type=inline}. */
    public Builder cacheTo(String spec) {
      CacheSpec cache = CacheSpec.parseExport(spec, baseDirectory);
      if (cacheTo.contains(cache)) {
        throw InvalidSettingException.setting(SettingKey.CACHE_TO.key(), spec, "this cache is already exported");
      }
      cacheTo.add(cache);
      return this;
    }

    /**
     * An SSH agent in buildx's {@code --ssh} form: {@code default} (the agent of {@code
     * SSH_AUTH_SOCK}), {@code <id>=<agent socket>} or {@code <id>=<key file>[,<key file>...]}.
     */
    public Builder ssh(String spec) {
      SshAgentSource.Declared declared = SshAgentSource.parse(spec, baseDirectory, System::getenv);
      return ssh(declared.id(), declared.source(), spec);
    }

    /** An SSH agent from any source, such as a socket the caller found. */
    public Builder ssh(String id, SshAgentSource source) {
      return ssh(key(id, SshAgentSource.SETTING), Objects.requireNonNull(source, "source"), id);
    }

    private Builder ssh(String id, SshAgentSource source, String spec) {
      if (ssh.putIfAbsent(id, source) != null) {
        throw InvalidSettingException.setting(SshAgentSource.SETTING, spec, "the id " + id + " is already declared");
      }
      return this;
    }

    /** An attestation in buildx's {@code --attest} form, e.g. {@code type=provenance,mode=max} or {@code type=sbom}. */
    public Builder attestation(String spec) {
      return attestation(Attestation.parse(spec), spec);
    }

    /** buildx's {@code --provenance}: {@code true}, {@code false} or fields such as {@code mode=max}; blank is unset. */
    public Builder provenance(String value) {
      return value == null || value.isBlank() ? this
          : attestation(Attestation.shorthand(Attestation.PROVENANCE, value), value);
    }

    /** buildx's {@code --sbom}: {@code true}, {@code false} or fields such as {@code generator=<image>}; blank is unset. */
    public Builder sbom(String value) {
      return value == null || value.isBlank() ? this : attestation(Attestation.shorthand(Attestation.SBOM, value), value);
    }

    private Builder attestation(Attestation attestation, String spec) {
      if (attestations.putIfAbsent(attestation.type(), attestation) != null) {
        throw InvalidSettingException.setting(Attestation.SETTING, spec,
            "the " + attestation.type() + " attestation is already declared");
      }
      return this;
    }

    /** Checks what only the whole build can tell, then returns it. */
    public DockerfileBuild build() {
      Path contextDirectory = context == null ? baseDirectory : context;
      if (!Files.isDirectory(contextDirectory)) {
        throw InvalidSettingException.setting(SettingKey.CONTEXT.key(), contextDirectory.toString(),
            "expected an existing directory");
      }
      Path file = dockerfile == null ? contextDirectory.resolve("Dockerfile") : dockerfile;
      if (!isDockerfile(file)) {
        throw InvalidSettingException.setting(SettingKey.DOCKERFILE.key(), file.toString(),
            "expected an existing file" + (dockerfile == null ? " (the default is Dockerfile in the context)" : ""));
      }
      checkOutputs();
      return new DockerfileBuild(contextDirectory, file, target, buildArgs, labels, platforms, noCache,
          List.copyOf(noCacheFilter), pull, network, addHosts, shmSize, List.copyOf(ulimits.values()),
          buildContexts, secrets, outputs, cacheFrom, cacheTo, ssh, attestations, false, cacheOnly);
    }

    /** The frontend falls back to {@code dockerfile} when {@code Dockerfile} is missing, so accept it too. */
    private static boolean isDockerfile(Path file) {
      if (Files.isRegularFile(file)) {
        return true;
      }
      Path name = file.getFileName();
      return name != null && name.toString().equals("Dockerfile")
          && Files.isRegularFile(file.resolveSibling("dockerfile"));
    }

    private void checkOutputs() {
      Set<Path> destinations = new LinkedHashSet<>();
      for (Output output : outputs) {
        if (output instanceof Output.ToClient toClient && !destinations.add(toClient.destination())) {
          throw InvalidSettingException.setting(SettingKey.OUTPUTS.key(), toClient.destination().toString(),
              "two outputs write to the same destination");
        }
        if (output instanceof Output.DockerArchive && platforms.size() > 1) {
          throw InvalidSettingException.setting(SettingKey.OUTPUTS.key(), "type=docker",
              "a docker archive holds one platform; use type=oci for " + platforms.size() + " platforms");
        }
      }
    }

    private Path resolve(String path, String setting) {
      if (path == null || path.isBlank()) {
        throw InvalidSettingException.setting(setting, path == null ? "" : path, "a path is required");
      }
      return baseDirectory.resolve(path.trim()).normalize();
    }

    private static String key(String name, String setting) {
      String key = name == null ? "" : name.trim();
      if (key.isEmpty() || key.contains("=")) {
        throw InvalidSettingException.setting(setting, name == null ? "" : name,
            "expected a non-empty name without '='");
      }
      return key;
    }

    /** Docker's memory sizes; {@code /dev/shm} cannot be empty. */
    private static long bytes(String size) {
      long bytes = ByteSize.parse(SettingKey.SHM_SIZE.key(), size);
      if (bytes < 1) {
        throw InvalidSettingException.setting(SettingKey.SHM_SIZE.key(), size, ByteSize.ACCEPTED);
      }
      return bytes;
    }
  }
}
