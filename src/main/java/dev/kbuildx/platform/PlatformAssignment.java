package dev.kbuildx.platform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Decides which node builds which requested platform, as buildx does for a multi-node builder.
 *
 * <p>A strict pass looks for each platform among the nodes' declared platforms. Only if some
 * platform finds no node, every node is asked for its worker platforms (which needs all nodes
 * booted) and a second pass re-matches every platform against declared plus worker platforms,
 * this time also accepting compatible ones ({@link PlatformCompatibility#vector}). Whatever still
 * finds no node goes to the first node, whose BuildKit may manage it by emulation.
 */
public final class PlatformAssignment {

  /** Reports what a node's BuildKit workers can build; the node must be booted for that. */
  @FunctionalInterface
  public interface WorkerPlatforms {
    List<Platform> of(NodePlatforms node);
  }

  private PlatformAssignment() {}

  /**
   * Assigns the requested platforms to nodes.
   *
   * @param nodes the builder's nodes in store order; not empty
   * @param requested the requested platforms in request order (distinct); may be empty
   * @param workers called once per node, in node order, only when the strict pass leaves a
   *     platform without a node; the caller must then boot every node
   * @return one entry per chosen node, in order of first appearance in the request, each with its
   *     platforms in request order; for an empty request, the first node with no platform. The
   *     caller boots the nodes listed here.
   */
  public static List<NodeAssignment> assign(
      List<NodePlatforms> nodes, List<Platform> requested, WorkerPlatforms workers) {
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("no nodes to assign platforms to");
    }
    if (requested.isEmpty()) {
      return List.of(new NodeAssignment(nodes.get(0).name(), List.of()));
    }
    List<List<Platform>> declared = nodes.stream().map(NodePlatforms::platforms).toList();
    int[] chosen = match(declared, requested, List::of);
    if (anyUnmatched(chosen)) {
      List<List<Platform>> available = new ArrayList<>();
      for (NodePlatforms node : nodes) {
        List<Platform> platforms = new ArrayList<>(node.platforms());
        platforms.addAll(workers.of(node));
        available.add(platforms);
      }
      chosen = match(available, requested, PlatformCompatibility::vector);
    }
    return recombine(nodes, requested, chosen);
  }

  /** The index of the node chosen for each requested platform, -1 where none matches. */
  private static int[] match(
      List<List<Platform>> nodePlatforms, List<Platform> requested, Function<Platform, List<Platform>> vectorOf) {
    int[] chosen = new int[requested.size()];
    for (int i = 0; i < chosen.length; i++) {
      chosen[i] = bestNode(nodePlatforms, requested.get(i), vectorOf);
    }
    return chosen;
  }

  /**
   * containerd's ordered matching, as buildx applies it: the first node platform that can build
   * the request wins unless a later one ranks the request strictly higher in its own vector than
   * the current best platform.
   */
  private static int bestNode(
      List<List<Platform>> nodePlatforms, Platform requested, Function<Platform, List<Platform>> vectorOf) {
    int best = -1;
    Platform bestPlatform = null;
    for (int node = 0; node < nodePlatforms.size(); node++) {
      for (Platform candidate : nodePlatforms.get(node)) {
        List<Platform> vector = vectorOf.apply(candidate);
        if (vector.contains(requested) && (best < 0 || ranksBefore(vector, requested, bestPlatform))) {
          best = node;
          bestPlatform = candidate;
        }
      }
    }
    return best;
  }

  /** True when the first vector entry equal to either platform is {@code first} alone. */
  private static boolean ranksBefore(List<Platform> vector, Platform first, Platform second) {
    for (Platform entry : vector) {
      boolean isFirst = entry.equals(first);
      boolean isSecond = entry.equals(second);
      if (isFirst || isSecond) {
        return isFirst && !isSecond;
      }
    }
    return false;
  }

  private static boolean anyUnmatched(int[] chosen) {
    for (int node : chosen) {
      if (node < 0) {
        return true;
      }
    }
    return false;
  }

  /** One solve per node: unmatched platforms go to the first node. */
  private static List<NodeAssignment> recombine(List<NodePlatforms> nodes, List<Platform> requested, int[] chosen) {
    Map<Integer, List<Platform>> platformsByNode = new LinkedHashMap<>();
    for (int i = 0; i < chosen.length; i++) {
      platformsByNode.computeIfAbsent(Math.max(chosen[i], 0), node -> new ArrayList<>()).add(requested.get(i));
    }
    List<NodeAssignment> assignments = new ArrayList<>();
    platformsByNode.forEach((node, platforms) ->
        assignments.add(new NodeAssignment(nodes.get(node).name(), platforms)));
    return List.copyOf(assignments);
  }
}
