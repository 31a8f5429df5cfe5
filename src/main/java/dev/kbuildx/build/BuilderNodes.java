package dev.kbuildx.build;

import java.util.List;

/**
 * The nodes of the builder a build runs on, in the builder's order (the first is the node that
 * builds what no other node matches), and what must be closed after the build, such as the
 * connection to the cluster.
 */
public record BuilderNodes(List<BuildNode> nodes, List<AutoCloseable> resources) implements AutoCloseable {

  public BuilderNodes {
    nodes = List.copyOf(nodes);
    resources = List.copyOf(resources);
  }

  @Override
  public void close() {
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        // The build is over; a resource that fails to close cannot change its result.
      }
    }
  }
}
