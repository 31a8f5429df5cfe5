package dev.kbuildx.driver;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Connections to daemons shared by the builds that run at the same time in one JVM, as the
 * modules of {@code mvn -T4} do: one gRPC channel per daemon (per pod for a Kubernetes node)
 * carries all their solves. A connection closes when its last user releases it, so nothing
 * outlives the builds; a connection that was shut down is replaced.
 */
public final class SharedConnections {
  /** The plugin's connections; Maven keeps one plugin class realm for the whole reactor. */
  public static final SharedConnections JVM = new SharedConnections();

  private final Map<String, Shared> byKey = new HashMap<>();

  /**
   * A share of the connection known by {@code key}, dialled with {@code dial} when there is none.
   * Concurrent callers of one key wait for a single dial.
   */
  public ConnectedDaemon lease(String key, Supplier<ConnectedDaemon> dial) {
    Shared shared;
    synchronized (this) {
      shared = byKey.get(key);
      if (shared == null || shared.isClosed()) {
        shared = new Shared();
        byKey.put(key, shared);
      }
      shared.users++;
    }
    try {
      return shared.connection(dial).sharedWith(releaser(key, shared));
    } catch (RuntimeException e) {
      release(key, shared);
      throw e;
    }
  }

  /** How many connections are open; for tests. */
  synchronized int openConnections() {
    return (int) byKey.values().stream().filter(shared -> shared.daemon != null).count();
  }

  private Runnable releaser(String key, Shared shared) {
    boolean[] released = {false};
    return () -> {
      synchronized (released) {
        if (released[0]) {
          return;
        }
        released[0] = true;
      }
      release(key, shared);
    };
  }

  private void release(String key, Shared shared) {
    ConnectedDaemon toClose = null;
    synchronized (this) {
      shared.users--;
      if (shared.users == 0) {
        byKey.remove(key, shared);
        toClose = shared.daemon;
        shared.daemon = null;
        shared.closed = true;
      }
    }
    if (toClose != null) {
      toClose.close();
    }
  }

  /** One connection and how many builds use it. */
  private static final class Shared {
    private int users;
    private boolean closed;
    private ConnectedDaemon daemon;

    synchronized ConnectedDaemon connection(Supplier<ConnectedDaemon> dial) {
      if (daemon == null || daemon.channel().isShutdown()) {
        daemon = dial.get();
      }
      return daemon;
    }

    boolean isClosed() {
      return closed || (daemon != null && daemon.channel().isShutdown());
    }
  }
}
