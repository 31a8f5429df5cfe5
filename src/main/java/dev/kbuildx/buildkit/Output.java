package dev.kbuildx.buildkit;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.SettingKey;
import dev.kbuildx.options.CsvOptions;
import dev.kbuildx.registry.ImageReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a build's result goes: one BuildKit exporter. {@link #exporterAttrs()} are exactly the
 * attributes the daemon receives; the destinations of {@link ToClient} outputs stay on this side,
 * because the daemon streams those results back through the session.
 */
public sealed interface Output permits Output.Image, Output.ToClient {

  String ACCEPTED = "expected type=image|registry|oci|docker|tar|local|cacheonly with its fields, e.g."
      + " type=image,name=registry.example.com/app:1.0,push=true or type=local,dest=out, or a bare directory"
      + " for a local output";

  /** BuildKit's exporter name. */
  String exporterType();

  /** The exporter attributes sent to the daemon. */
  Map<String, String> exporterAttrs();

  /**
   * An image in the builder's store, optionally pushed.
   *
   * @param names image names, possibly empty when the image is neither pushed nor named
   * @param options further exporter attributes passed on verbatim (e.g. {@code compression=zstd})
   */
  record Image(List<String> names, boolean push, boolean pushByDigest, boolean insecure, Map<String, String> options)
      implements Output {
    public Image {
      names = List.copyOf(names);
      names.forEach(name -> ImageReference.parse(name, SettingKey.OUTPUTS.key()));
      if ((push || pushByDigest) && names.isEmpty()) {
        throw InvalidSettingException.setting(SettingKey.OUTPUTS.key(), "push=true",
            "pushing needs at least one image name, e.g. type=image,name=registry.example.com/app:1.0,push=true");
      }
      options = ordered(options);
    }

    /** A pushed or unpushed image with the given names and no further options. */
    public static Image of(List<String> names, boolean push) {
      return new Image(names, push, false, false, Map.of());
    }

    @Override
    public String exporterType() {
      return "image";
    }

    @Override
    public Map<String, String> exporterAttrs() {
      Map<String, String> attrs = new LinkedHashMap<>();
      if (!names.isEmpty()) {
        attrs.put("name", String.join(",", names));
      }
      if (push) {
        attrs.put("push", "true");
      }
      if (pushByDigest) {
        attrs.put("push-by-digest", "true");
      }
      if (insecure) {
        attrs.put("registry.insecure", "true");
      }
      attrs.putAll(options);
      return Collections.unmodifiableMap(attrs);
    }
  }

  /** An output the daemon sends back through the session's {@code FileSend} service. */
  sealed interface ToClient extends Output permits OciArchive, DockerArchive, Tarball, LocalDirectory {
    /** The file, or for {@link LocalDirectory} the directory, that receives the result. */
    Path destination();
  }

  /** An OCI image layout, as a tar file. */
  record OciArchive(Path destination, List<String> names, Map<String, String> options) implements ToClient {
    public OciArchive {
      names = List.copyOf(names);
      names.forEach(name -> ImageReference.parse(name, SettingKey.OUTPUTS.key()));
      options = ordered(options);
    }

    @Override
    public String exporterType() {
      return "oci";
    }

    @Override
    public Map<String, String> exporterAttrs() {
      return namedAttrs(names, options);
    }
  }

  /** A tar file in the format {@code docker load} reads; single-platform builds only. */
  record DockerArchive(Path destination, List<String> names, Map<String, String> options) implements ToClient {
    public DockerArchive {
      names = List.copyOf(names);
      names.forEach(name -> ImageReference.parse(name, SettingKey.OUTPUTS.key()));
      options = ordered(options);
    }

    @Override
    public String exporterType() {
      return "docker";
    }

    @Override
    public Map<String, String> exporterAttrs() {
      return namedAttrs(names, options);
    }
  }

  /** The result's file system as one tar file. */
  record Tarball(Path destination, Map<String, String> options) implements ToClient {
    public Tarball {
      options = ordered(options);
    }

    @Override
    public String exporterType() {
      return "tar";
    }

    @Override
    public Map<String, String> exporterAttrs() {
      return options;
    }
  }

  /** The result's file system written into a directory; existing files not in the result are kept. */
  record LocalDirectory(Path destination, Map<String, String> options) implements ToClient {
    public LocalDirectory {
      options = ordered(options);
    }

    @Override
    public String exporterType() {
      return "local";
    }

    @Override
    public Map<String, String> exporterAttrs() {
      return options;
    }
  }

  /** buildx's output type that exports nothing: the build runs and only fills the build cache. */
  String CACHE_ONLY = "cacheonly";

  /**
   * Whether {@code spec} is {@code type=cacheonly}, which names no exporter and so takes no other
   * field; {@link #parse} reads every other output.
   */
  static boolean cacheOnly(String spec) {
    String trimmed = spec == null ? "" : spec.trim();
    if (!trimmed.contains("=")) {
      return false;
    }
    CsvOptions fields = CsvOptions.parse(trimmed, SettingKey.OUTPUTS.key());
    if (!CACHE_ONLY.equals(fields.take("type"))) {
      return false;
    }
    if (!fields.remaining().isEmpty()) {
      throw fields.invalid("type=cacheonly exports nothing, so it takes no other field; remove "
          + String.join(", ", fields.remaining().keySet()));
    }
    return true;
  }

  /**
   * Reads buildx's {@code --output} form: {@code type=...} and its fields, or a bare directory for
   * a local output. Relative destinations are resolved against {@code baseDirectory}.
   */
  static Output parse(String spec, Path baseDirectory) {
    String trimmed = spec == null ? "" : spec.trim();
    if (trimmed.isEmpty()) {
      throw InvalidSettingException.setting(SettingKey.OUTPUTS.key(), "", ACCEPTED);
    }
    if (trimmed.equals("-")) {
      throw InvalidSettingException.setting(SettingKey.OUTPUTS.key(), spec,
          "standard output is the build log here; write to a file instead, e.g. type=tar,dest=out.tar");
    }
    if (!trimmed.contains("=")) {
      return new LocalDirectory(directory(baseDirectory.resolve(trimmed).normalize(), spec), Map.of());
    }
    CsvOptions fields = CsvOptions.parse(trimmed, SettingKey.OUTPUTS.key());
    String type = fields.takeRequired("type", ACCEPTED);
    String fileAccepted = "dest=<file> names where " + type + " writes the result";
    switch (type) {
      case "image", "registry" -> {
        List<String> names = names(fields.take("name"));
        boolean push = fields.takeBoolean("push") || type.equals("registry");
        boolean byDigest = fields.takeBoolean("push-by-digest");
        boolean insecure = fields.takeBoolean("registry.insecure");
        if (fields.take("dest") != null) {
          throw fields.invalid("an image output has no dest; use type=oci or type=docker to write a file");
        }
        return new Image(names, push, byDigest, insecure, fields.remaining());
      }
      case "oci", "docker" -> {
        Path file = file(fields.takePath("dest", baseDirectory, fileAccepted), spec);
        List<String> names = names(fields.take("name"));
        if (!fields.takeBoolean("tar", true)) {
          throw fields.invalid("tar=false needs a client-side content store, which kbuildx does not provide;"
              + " leave tar unset to write a tar file");
        }
        Map<String, String> options = fields.remaining();
        return type.equals("oci") ? new OciArchive(file, names, options) : new DockerArchive(file, names, options);
      }
      case "tar" -> {
        return new Tarball(file(fields.takePath("dest", baseDirectory, fileAccepted), spec), fields.remaining());
      }
      case "local" -> {
        Path directory = fields.takePath("dest", baseDirectory, "dest=<directory> names where the files go");
        return new LocalDirectory(directory(directory, spec), fields.remaining());
      }
      case CACHE_ONLY -> throw new IllegalArgumentException("type=cacheonly names no exporter; ask cacheOnly(spec) first");
      default -> throw fields.invalid("unknown type " + type + "; " + ACCEPTED);
    }
  }

  private static List<String> names(String value) {
    if (value == null || value.isBlank()) {
      return List.of();
    }
    return List.of(value.split(",")).stream().map(String::trim).filter(name -> !name.isEmpty()).toList();
  }

  private static Path file(Path file, String spec) {
    if (Files.isDirectory(file)) {
      throw InvalidSettingException.setting(SettingKey.OUTPUTS.key(), spec,
          "dest " + file + " is a directory; name the file to write, or use type=local for a directory");
    }
    return file;
  }

  private static Path directory(Path directory, String spec) {
    if (Files.exists(directory) && !Files.isDirectory(directory)) {
      throw InvalidSettingException.setting(SettingKey.OUTPUTS.key(), spec,
          "dest " + directory + " is a file; a local output writes into a directory");
    }
    return directory;
  }

  private static Map<String, String> namedAttrs(List<String> names, Map<String, String> options) {
    Map<String, String> attrs = new LinkedHashMap<>();
    if (!names.isEmpty()) {
      attrs.put("name", String.join(",", names));
    }
    attrs.putAll(options);
    return Collections.unmodifiableMap(attrs);
  }

  private static Map<String, String> ordered(Map<String, String> options) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(options));
  }
}
