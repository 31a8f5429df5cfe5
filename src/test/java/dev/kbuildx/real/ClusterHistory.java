package dev.kbuildx.real;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.Watchable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every state that the workloads, pods, claims and ConfigMaps of one namespace went through, as the
 * API server reported them to watches. The invoker runs its hook scripts only before the first and
 * after the last Maven run of a test project, so this is how {@code verify.groovy} asserts on what
 * the cluster held between two runs (for example two ready pods after {@code create}, before
 * {@code rm} deleted them). Start it in {@code prebuild.groovy}, before the first run.
 */
public final class ClusterHistory implements AutoCloseable {
  private final List<HasMetadata> states = new CopyOnWriteArrayList<>();
  private final List<Watch> watches = new CopyOnWriteArrayList<>();

  private ClusterHistory() {}

  /** Starts watching; each watch is established when this returns. */
  public static ClusterHistory record(KubernetesClient client, String namespace) {
    ClusterHistory history = new ClusterHistory();
    history.watch(client.apps().deployments().inNamespace(namespace));
    history.watch(client.apps().statefulSets().inNamespace(namespace));
    history.watch(client.pods().inNamespace(namespace));
    history.watch(client.persistentVolumeClaims().inNamespace(namespace));
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

  public List<StatefulSet> statefulSets(String name) {
    return states(StatefulSet.class, name);
  }

  public List<Pod> pods() {
    return states(Pod.class, null);
  }

  public List<PersistentVolumeClaim> claims(String name) {
    return states(PersistentVolumeClaim.class, name);
  }

  public List<ConfigMap> configMaps() {
    return states(ConfigMap.class, null);
  }

  /** The names of the pods that were ready at some point and whose labels include {@code app=<workload>}. */
  public List<String> readyPods(String workload) {
    return pods().stream()
        .filter(pod -> workload.equals(pod.getMetadata().getLabels().get("app")))
        .filter(ClusterHistory::isReady)
        .map(pod -> pod.getMetadata().getName())
        .distinct()
        .toList();
  }

  public static boolean isReady(Pod pod) {
    return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions()
        .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
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
