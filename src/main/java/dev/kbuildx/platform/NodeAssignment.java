package dev.kbuildx.platform;

import java.util.List;

/**
 * The platforms one node builds in a single solve.
 *
 * @param node the node name
 * @param platforms the platforms in request order; empty when nothing was requested, so the
 *     node's BuildKit builds for its default platform
 */
public record NodeAssignment(String node, List<Platform> platforms) {
  public NodeAssignment {
    platforms = List.copyOf(platforms);
  }
}
