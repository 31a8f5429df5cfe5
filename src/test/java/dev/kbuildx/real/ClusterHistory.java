package dev.kbuildx.real;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.Watchable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every state that the Deployments and ConfigMaps of one namespace went through, as the API server
 * reported them to watches. A {@code verify.<run>.groovy} sees what the cluster holds when a run has
 * ended; this shows what happened during a run: an object that the run created and deleted again (the
 * node of a failed bootstrap), or the absence of one that must never have reached the cluster. Start it
 * in {@code prebuild.groovy}, before the first run.
 */
public final class ClusterHistory implements AutoCloseable {
  private final List<HasMetadata> states = new CopyOnWriteArrayList<>();
  private final List<Watch> watches = new CopyOnWriteArrayList<>();

  private ClusterHistory() {}

  /** Starts watching; each watch is established when this returns. */
  public static ClusterHistory record(KubernetesClient client, String namespace) {
    ClusterHistory history = new ClusterHistory();
    history.watch(client.apps().deployments().inNamespace(namespace));
    history.watch(client.configMaps().inNamespace(namespace));
    return history;
  }

  /** Every recorded state of the objects of {@code kind} named {@code name} (any name when null), oldest first. */
  public <T extends HasMetadata> List<T> states(Class<T> kind, String name) {
    return states.stream()
        .filter(kind::isInstance)
        .map(kind::cast)
        .filter(object -> name == null || name.equals(object.getMetadata().getName()))
        .toList();
  }

  public List<Deployment> deployments(String name) {
    return states(Deployment.class, name);
  }

  public List<ConfigMap> configMaps() {
    return states(ConfigMap.class, null);
  }

  @Override
  public void close() {
    watches.forEach(Watch::close);
  }

  private <T extends HasMetadata> void watch(Watchable<T> objects) {
    watches.add(objects.watch(new Watcher<T>() {
      @Override
      public void eventReceived(Action action, T object) {
        if (action == Action.ADDED || action == Action.MODIFIED) {
          states.add(object);
        }
      }

      @Override
      public void onClose(WatcherException cause) {
        // fabric8 reconnects a watch that the server ended; this is called only when it gives up.
      }
    }));
  }
}
