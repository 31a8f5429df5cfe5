package dev.kbuildx.platform;

import java.util.List;

/**
 * A node as platform assignment sees it.
 *
 * @param name the node name, unique within its builder
 * @param platforms the platforms declared for the node, in declaration order (may be empty)
 */
public record NodePlatforms(String name, List<Platform> platforms) {
  public NodePlatforms {
    platforms = List.copyOf(platforms);
  }
}
