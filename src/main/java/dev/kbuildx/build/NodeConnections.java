package dev.kbuildx.build;

import dev.kbuildx.buildkit.ControlClient;
import dev.kbuildx.driver.ConnectedDaemon;
import dev.kbuildx.driver.Driver;
import dev.kbuildx.platform.Platform;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The connections of one build to its nodes, opened on first use and closed together: a node that
 * was asked for its workers during platform assignment then builds over the same connection.
 */
final class NodeConnections implements AutoCloseable {
  private final Map<String, Driver> nodes = new LinkedHashMap<>();
  private final Map<String, ConnectedDaemon> open = new LinkedHashMap<>();
  private final Duration connectTimeout;

  NodeConnections(List<Driver> nodes, Duration connectTimeout) {
    nodes.forEach(node -> this.nodes.put(node.name(), node));
    this.connectTimeout = connectTimeout;
  }

  Driver node(String name) {
    return nodes.get(name);
  }

  synchronized ConnectedDaemon connection(String name) {
    return open.computeIfAbsent(name, key -> nodes.get(key).dial(connectTimeout));
  }

  /** What the node's workers build, natively or by emulation. */
  List<Platform> workerPlatforms(String name) {
    return new ControlClient(connection(name).channel()).listWorkers().stream()
        .flatMap(worker -> worker.platforms().stream()).distinct().toList();
  }

  @Override
  public synchronized void close() {
    open.values().forEach(ConnectedDaemon::close);
    open.clear();
  }
}
