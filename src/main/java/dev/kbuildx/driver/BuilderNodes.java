package dev.kbuildx.driver;

import java.time.Duration;
import java.util.List;

/**
 * The nodes of the builder a build runs on, in the builder's order (the first is the node that
 * builds what no other node matches), what must be closed after the build, such as the
 * connection to the cluster, and how long dialling a node may take.
 */
public record BuilderNodes(List<Driver> nodes, List<AutoCloseable> resources, Duration connectTimeout)
    implements AutoCloseable {
  public BuilderNodes {
    nodes = List.copyOf(nodes);
    resources = List.copyOf(resources);
  }

  /** Starts every node whose daemon does not run yet, in the builder's order, as buildx's boot does. */
  public BuilderNodes bootstrapped() {
    try {
      nodes.stream().filter(node -> node.info().needsBootstrap()).forEach(Driver::bootstrap);
      return this;
    } catch (RuntimeException e) {
      close();
      throw e;
    }
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
