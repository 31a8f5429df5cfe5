package dev.kbuildx.buildkit;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.SettingKey;
import dev.kbuildx.options.CsvOptions;
import dev.kbuildx.registry.ImageReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A build cache to import from ({@code cacheFrom}) or export to ({@code cacheTo}), read from
 * buildx's {@code --cache-from}/{@code --cache-to} form. {@code options} are further BuildKit
 * attributes passed on verbatim, such as {@code mode=max} or {@code compression=zstd}.
 */
public sealed interface CacheSpec permits CacheSpec.Registry, CacheSpec.Inline, CacheSpec.Local {

  String ACCEPTED_IMPORT = "expected an image reference, type=registry,ref=<image> or type=local,src=<directory>";
  String ACCEPTED_EXPORT = "expected type=registry,ref=<image>[,mode=max], type=inline or"
      + " type=local,dest=<directory>[,mode=max]";

  /** BuildKit's cache importer or exporter name. */
  String type();

  /** A cache stored as an image in a registry. */
  record Registry(String ref, Map<String, String> options) implements CacheSpec {
    public Registry {
      options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    @Override
    public String type() {
      return "registry";
    }
  }

  /** Cache metadata written into the exported image itself; imported later with {@link Registry}. */
  record Inline() implements CacheSpec {
    @Override
    public String type() {
      return "inline";
    }
  }

  /** An OCI layout directory on the machine running Maven. */
  record Local(Path directory, Map<String, String> options) implements CacheSpec {
    public Local {
      options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    @Override
    public String type() {
      return "local";
    }
  }

  /** Reads one {@code cacheFrom} entry; a value without {@code =} is a registry reference. */
  static CacheSpec parseImport(String spec, Path baseDirectory) {
    String setting = SettingKey.CACHE_FROM.key();
    String trimmed = spec == null ? "" : spec.trim();
    if (!trimmed.contains("=")) {
      if (trimmed.isEmpty()) {
        throw InvalidSettingException.setting(setting, "", ACCEPTED_IMPORT);
      }
      return new Registry(validReference(setting, trimmed), Map.of());
    }
    CsvOptions fields = CsvOptions.parse(trimmed, setting);
    String type = fields.takeRequired("type", ACCEPTED_IMPORT);
    switch (type) {
      case "registry" -> {
        String ref = validReference(setting, fields.takeRequired("ref", ACCEPTED_IMPORT));
        return new Registry(ref, fields.remaining());
      }
      case "local" -> {
        // A cache that does not exist yet is skipped with a warning when the request is made, so that
        // the first build of a project can import and export the same directory.
        return new Local(fields.takePath("src", baseDirectory, ACCEPTED_IMPORT), fields.remaining());
      }
      case "inline" -> throw fields.invalid(
          "an inline cache is imported from the image that carries it: type=registry,ref=<image>");
      default -> throw fields.invalid("unsupported type " + type + "; " + ACCEPTED_IMPORT);
    }
  }

  /** Reads one {@code cacheTo} entry. */
  static CacheSpec parseExport(String spec, Path baseDirectory) {
    String setting = SettingKey.CACHE_TO.key();
    String trimmed = spec == null ? "" : spec.trim();
    if (!trimmed.contains("=")) {
      throw InvalidSettingException.setting(setting, trimmed, ACCEPTED_EXPORT);
    }
    CsvOptions fields = CsvOptions.parse(trimmed, setting);
    String type = fields.takeRequired("type", ACCEPTED_EXPORT);
    String mode = fields.take("mode");
    if (mode != null && !mode.equals("min") && !mode.equals("max")) {
      throw fields.invalid("mode must be min or max");
    }
    switch (type) {
      case "registry" -> {
        String ref = validReference(setting, fields.takeRequired("ref", ACCEPTED_EXPORT));
        return new Registry(ref, withMode(mode, fields.remaining()));
      }
      case "local" -> {
        Path destination = fields.takePath("dest", baseDirectory, ACCEPTED_EXPORT);
        if (Files.exists(destination) && !Files.isDirectory(destination)) {
          throw fields.invalid("dest " + destination + " is a file; a local cache is a directory");
        }
        return new Local(destination, withMode(mode, fields.remaining()));
      }
      case "inline" -> {
        if (mode != null && !mode.equals("min")) {
          throw fields.invalid("an inline cache only holds mode=min; use type=registry for mode=max");
        }
        fields.requireNoneLeft(ACCEPTED_EXPORT);
        return new Inline();
      }
      default -> throw fields.invalid("unsupported type " + type + "; " + ACCEPTED_EXPORT);
    }
  }

  /** Checks a reference early, naming the setting the user wrote. */
  private static String validReference(String setting, String ref) {
    ImageReference.parse(ref, setting);
    return ref;
  }

  private static Map<String, String> withMode(String mode, Map<String, String> options) {
    if (mode == null) {
      return options;
    }
    Map<String, String> all = new LinkedHashMap<>();
    all.put("mode", mode);
    all.putAll(options);
    return all;
  }
}
