package dev.kbuildx.buildkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.KbuildxException;
import dev.kbuildx.SettingKey;
import dev.kbuildx.buildkit.proto.control.CacheOptions;
import dev.kbuildx.buildkit.proto.control.CacheOptionsEntry;
import dev.kbuildx.buildkit.proto.control.Exporter;
import dev.kbuildx.buildkit.proto.control.SolveRequest;
import dev.kbuildx.platform.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Turns a {@link DockerfileBuild} into the {@code Control/Solve} request for BuildKit's built-in
 * Dockerfile frontend, adapted to what the daemon can do ({@link DaemonFeatures}).
 */
public final class SolveRequests {
  public static final String FRONTEND = "dockerfile.v0";
  /** The local name of the build context. */
  public static final String CONTEXT_LOCAL = "context";
  /** The local name of the directory holding the Dockerfile. */
  public static final String DOCKERFILE_LOCAL = "dockerfile";
  public static final String NETWORK_HOST_ENTITLEMENT = "network.host";

  private static final String OCI_REF_NAME = "org.opencontainers.image.ref.name";

  private SolveRequests() {}

  /**
   * The request for one build.
   *
   * @param ref the job id, unique per running build; also the key of {@code Control/Status}
   * @param sessionId the id under which the session serving the locals, outputs, credentials and
   *     secrets of this build is registered
   */
  public static SolvePlan dockerfile(DockerfileBuild build, DaemonFeatures daemon, String ref, String sessionId) {
    checkSupported(build, daemon);
    Map<String, Path> locals = new LinkedHashMap<>();
    locals.put(CONTEXT_LOCAL, build.context());
    locals.put(DOCKERFILE_LOCAL, build.dockerfile().getParent());
    List<String> warnings = new ArrayList<>();
    List<CacheOptionsEntry> imports = cacheImports(build, warnings);
    warnOfIgnoredBuildContexts(build, daemon, warnings);

    SolveRequest.Builder request = SolveRequest.newBuilder()
        .setRef(ref)
        .setSession(sessionId)
        .setFrontend(FRONTEND)
        .putAllFrontendAttrs(frontendAttrs(build, locals))
        .setCache(CacheOptions.newBuilder().addAllImports(imports).addAllExports(cacheExports(build)));
    if (!imports.isEmpty()) {
      // The frontend resolves cache sources from this attribute, not from Cache.Imports.
      request.putFrontendAttrs("cache-imports", cacheImportsJson(imports));
    }
    if (build.network() == NetworkMode.HOST) {
      request.addEntitlements(NETWORK_HOST_ENTITLEMENT);
    }
    List<Exporter> exporters = build.outputs().stream().map(output -> exporter(output, daemon)).toList();
    request.addAllExporters(exporters);
    if (!exporters.isEmpty()) {
      // Daemons before v0.13 read only these; newer ones ignore them while Exporters is set.
      request.setExporterDeprecated(exporters.get(0).getType())
          .putAllExporterAttrsDeprecated(exporters.get(0).getAttrsMap());
    }
    return new SolvePlan(request.build(), locals, build.outputs(), warnings);
  }

  /**
   * The options the Dockerfile frontend reads ({@code filename}, {@code build-arg:*}, {@code platform} ...), as
   * buildx names them; adds the directories of local named contexts to {@code locals}.
   */
  static Map<String, String> frontendAttrs(DockerfileBuild build, Map<String, Path> locals) {
    Map<String, String> attrs = new LinkedHashMap<>();
    attrs.put("filename", build.dockerfile().getFileName().toString());
    if (build.target() != null) {
      attrs.put("target", build.target());
    }
    build.buildArgs().forEach((name, value) -> attrs.put("build-arg:" + name, value));
    build.labels().forEach((name, value) -> attrs.put("label:" + name, value));
    if (!build.platforms().isEmpty()) {
      attrs.put("platform", build.platforms().stream().map(Platform::toString).collect(Collectors.joining(",")));
    }
    if (build.multiPlatform()) {
      attrs.put("multi-platform", "true");
    }
    if (build.noCache()) {
      attrs.put("no-cache", "");
    } else if (!build.noCacheFilter().isEmpty()) {
      attrs.put("no-cache", String.join(",", build.noCacheFilter()));
    }
    if (build.pull()) {
      attrs.put("image-resolve-mode", "pull");
    }
    if (build.network().frontendValue() != null) {
      attrs.put("force-network-mode", build.network().frontendValue());
    }
    if (!build.addHosts().isEmpty()) {
      attrs.put("add-hosts", joined(build.addHosts()));
    }
    if (build.shmSize() > 0) {
      attrs.put("shm-size", Long.toString(build.shmSize()));
    }
    if (!build.ulimits().isEmpty()) {
      attrs.put("ulimit", joined(build.ulimits()));
    }
    build.buildContexts().forEach((name, context) -> attrs.put("context:" + name, contextValue(name, context, locals)));
    for (Attestation attestation : build.attestations().values()) {
      if (!attestation.disabled()) {
        attrs.put(Attestation.FRONTEND_PREFIX + attestation.type(), attestation.frontendValue());
      }
    }
    return attrs;
  }

  private static String joined(List<?> values) {
    return values.stream().map(Object::toString).collect(Collectors.joining(","));
  }

  /** buildx's local names: the context's own name, with {@code _} before the two reserved ones. */
  private static String contextValue(String name, NamedContext context, Map<String, Path> locals) {
    if (context instanceof NamedContext.Source source) {
      return source.value();
    }
    String local = name.equals(CONTEXT_LOCAL) || name.equals(DOCKERFILE_LOCAL) ? "_" + name : name;
    locals.put(local, ((NamedContext.LocalDirectory) context).directory());
    return "local:" + local;
  }

  private static void checkSupported(DockerfileBuild build, DaemonFeatures daemon) {
    checkAttestations(build, daemon);
    if (build.outputs().size() > 1 && !daemon.multipleExporters()) {
      throw InvalidSettingException.setting(SettingKey.OUTPUTS.key(), build.outputs().size() + " outputs",
          "BuildKit " + daemon.version() + " runs one output per build; several need BuildKit v0.13 or newer");
    }
    if (!daemon.dockerEngine()) {
      return;
    }
    for (Output output : build.outputs()) {
      if (output instanceof Output.Image image && (image.push() || image.pushByDigest())) {
        throw InvalidSettingException.setting(SettingKey.OUTPUTS.key(), "push=true",
            "the Docker Engine's builder keeps images in the engine and cannot push them; build on a"
                + " BuildKit builder to push");
      }
      if (output instanceof Output.OciArchive || output instanceof Output.DockerArchive) {
        throw InvalidSettingException.setting(SettingKey.OUTPUTS.key(), "type=" + output.exporterType(),
            "the Docker Engine's builder writes image, tar and local outputs only");
      }
    }
    for (CacheSpec cache : build.cacheTo()) {
      // Its BuildKit answers "unknown cache exporter" for anything but inline, as buildx's docker driver says.
      if (!(cache instanceof CacheSpec.Inline)) {
        throw InvalidSettingException.setting(SettingKey.CACHE_TO.key(), "type=" + cache.type(),
            "the Docker Engine's builder exports only an inline cache (type=inline, pushed with the image; import it"
                + " with cacheFrom type=registry,ref=<image>); build on a BuildKit builder to export a " + cache.type()
                + " cache");
      }
    }
  }

  /**
   * The built-in Dockerfile frontend reads named contexts from BuildKit v0.10 on; older ones ignore them and look
   * for an image of that name instead. Only daemons older than v0.11 keep their version to themselves.
   */
  private static void warnOfIgnoredBuildContexts(DockerfileBuild build, DaemonFeatures daemon, List<String> warnings) {
    if (!build.buildContexts().isEmpty() && daemon.versionUnknown()) {
      warnings.add("BuildKit " + daemon.version() + " may ignore the named build contexts "
          + String.join(", ", build.buildContexts().keySet()) + " (they need BuildKit v0.10 or newer); if the build"
          + " then looks for an image of that name, build on a newer BuildKit");
    }
  }

  /** Older daemons' frontends ignore the attestation attributes; fail rather than build without them. */
  private static void checkAttestations(DockerfileBuild build, DaemonFeatures daemon) {
    for (Attestation attestation : build.attestations().values()) {
      if (!attestation.disabled() && !Attestation.supportedBy(daemon)) {
        throw InvalidSettingException.setting(Attestation.SETTING, "type=" + attestation.type(),
            "BuildKit " + daemon.version() + " cannot attach attestations; they need BuildKit v0.11 or newer");
      }
    }
  }

  /** The engine's image exporter is named {@code moby}; every other output keeps BuildKit's name. */
  private static Exporter exporter(Output output, DaemonFeatures daemon) {
    String type = daemon.dockerEngine() && output instanceof Output.Image ? "moby" : output.exporterType();
    return Exporter.newBuilder().setType(type).putAllAttrs(output.exporterAttrs()).build();
  }

  private static List<CacheOptionsEntry> cacheImports(DockerfileBuild build, List<String> warnings) {
    List<CacheOptionsEntry> entries = new ArrayList<>();
    for (CacheSpec cache : build.cacheFrom()) {
      Map<String, String> attrs = new LinkedHashMap<>();
      if (cache instanceof CacheSpec.Registry registry) {
        attrs.put("ref", registry.ref());
        attrs.putAll(registry.options());
      } else if (cache instanceof CacheSpec.Local local) {
        attrs.put("src", local.directory().toString());
        attrs.putAll(local.options());
        if (!attrs.containsKey("digest")) {
          String digest = localCacheDigest(local.directory(), attrs.getOrDefault("tag", "latest"), warnings);
          if (digest == null) {
            continue;
          }
          attrs.put("digest", digest);
        }
      }
      entries.add(CacheOptionsEntry.newBuilder().setType(cache.type()).putAllAttrs(attrs).build());
    }
    return entries;
  }

  /**
   * The daemon imports a local cache only by digest; the Go client looks it up by tag in the
   * directory's {@code index.json}, and skips a cache that is not there yet.
   */
  private static String localCacheDigest(Path directory, String tag, List<String> warnings) {
    Path index = directory.resolve("index.json");
    if (!Files.isRegularFile(index)) {
      warnings.add("local cache " + directory + " does not exist yet; building without it");
      return null;
    }
    try {
      for (JsonNode manifest : BuildkitJson.mapper().readTree(index.toFile()).path("manifests")) {
        if (tag.equals(manifest.path("annotations").path(OCI_REF_NAME).asText())) {
          return manifest.path("digest").asText();
        }
      }
    } catch (IOException e) {
      throw new KbuildxException("cannot read the local cache index " + index + ": " + e.getMessage(), e);
    }
    warnings.add("local cache " + directory + " has no tag " + tag + "; building without it");
    return null;
  }

  private static List<CacheOptionsEntry> cacheExports(DockerfileBuild build) {
    List<CacheOptionsEntry> entries = new ArrayList<>();
    for (CacheSpec cache : build.cacheTo()) {
      Map<String, String> attrs = new LinkedHashMap<>();
      if (cache instanceof CacheSpec.Registry registry) {
        attrs.put("ref", registry.ref());
        attrs.putAll(registry.options());
      } else if (cache instanceof CacheSpec.Local local) {
        attrs.put("dest", local.directory().toString());
        attrs.putAll(local.options());
      }
      entries.add(CacheOptionsEntry.newBuilder().setType(cache.type()).putAllAttrs(attrs).build());
    }
    return entries;
  }

  /** The JSON the Go client writes: {@code [{"Type":...,"Attrs":{...}}]}, attributes sorted, empty ones left out. */
  private static String cacheImportsJson(List<CacheOptionsEntry> imports) {
    List<Map<String, Object>> entries = new ArrayList<>();
    for (CacheOptionsEntry entry : imports) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("Type", entry.getType());
      if (entry.getAttrsCount() > 0) {
        json.put("Attrs", new TreeMap<>(entry.getAttrsMap()));
      }
      entries.add(json);
    }
    try {
      return BuildkitJson.mapper().writeValueAsString(entries);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("maps of strings always serialise", e);
    }
  }
}
