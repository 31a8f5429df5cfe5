package dev.kbuildx.engine;

import java.util.List;

/**
 * An image of the engine's store, as {@code GET /images/{name}/json} describes it.
 *
 * @param id the image ID, {@code sha256:...} (the config digest)
 * @param repoTags the names that point at it, such as {@code 127.0.0.1:5000/app:1}; may be empty
 * @param repoDigests {@code name@sha256:...} for the registries it was pushed to or pulled from
 * @param architecture such as {@code amd64}
 * @param os such as {@code linux}
 * @param variant such as {@code v8}, or empty
 */
public record EngineImage(
    String id, List<String> repoTags, List<String> repoDigests, String architecture, String os, String variant) {
  public EngineImage {
    repoTags = List.copyOf(repoTags);
    repoDigests = List.copyOf(repoDigests);
  }
}
