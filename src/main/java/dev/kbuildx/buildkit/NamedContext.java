package dev.kbuildx.buildkit;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.SettingKey;
import dev.kbuildx.registry.ImageReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a named build context ({@code --build-context name=value}) stands for: it replaces the
 * image or stage {@code name} in {@code FROM} and {@code COPY --from}.
 */
public sealed interface NamedContext permits NamedContext.LocalDirectory, NamedContext.Source {

  String ACCEPTED = "expected docker-image://<image>, a git or https URL, or an existing directory";
  /** Values the frontend resolves itself, by their prefix. */
  List<String> SOURCE_PREFIXES = List.of("docker-image://", "https://", "http://", "git://", "git@", "ssh://");

  /** A directory uploaded through the session, like the main context. */
  record LocalDirectory(Path directory) implements NamedContext {}

  /** An image or remote source the daemon fetches, passed on as written. */
  record Source(String value) implements NamedContext {}

  /**
   * Reads a value as buildx does: a known prefix is a source, anything else a directory resolved
   * against {@code baseDirectory}.
   */
  static NamedContext parse(String value, Path baseDirectory) {
    String trimmed = value == null ? "" : value.trim();
    if (trimmed.isEmpty()) {
      throw invalid(value, ACCEPTED);
    }
    if (trimmed.startsWith("docker-image://")) {
      ImageReference.parse(trimmed.substring("docker-image://".length()), SettingKey.BUILD_CONTEXTS.key());
      return new Source(trimmed);
    }
    if (SOURCE_PREFIXES.stream().anyMatch(trimmed::startsWith)) {
      return new Source(trimmed);
    }
    if (trimmed.startsWith("oci-layout://")) {
      throw invalid(value, "oci-layout:// contexts need a client-side content store, which kbuildx does not"
          + " provide; push the image and use docker-image://");
    }
    if (trimmed.startsWith("target:") || trimmed.startsWith("input:")) {
      throw invalid(value, "target: and input: contexts belong to bake; " + ACCEPTED);
    }
    Path directory = baseDirectory.resolve(trimmed).normalize();
    if (!Files.isDirectory(directory)) {
      throw invalid(value, directory + " is not a directory; " + ACCEPTED);
    }
    return new LocalDirectory(directory);
  }

  /**
   * The key buildx files a context under: the familiar image name without {@code :latest}, so that
   * {@code docker.io/library/alpine:latest} and {@code alpine} are the same context.
   */
  static String normaliseName(String name) {
    ImageReference reference = ImageReference.parse(name == null ? "" : name.trim(), SettingKey.BUILD_CONTEXTS.key());
    String familiar = reference.familiar();
    return familiar.endsWith(":latest") ? familiar.substring(0, familiar.length() - ":latest".length()) : familiar;
  }

  private static InvalidSettingException invalid(String value, String accepted) {
    return InvalidSettingException.setting(SettingKey.BUILD_CONTEXTS.key(), value == null ? "" : value, accepted);
  }
}
