package dev.kbuildx.driver.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A node runs as a Deployment or, with persistent storage, as a StatefulSet. These helpers read
 * and delete either kind, so callers need not care which one a node has.
 */
final class Workloads {
  static final String DEPLOYMENT = "Deployment";
  static final String STATEFUL_SET = "StatefulSet";
  /** How long a delete waits for the object to be gone before a same-named one is created. */
  private static final long DELETE_WAIT_SECONDS = 60;

  private Workloads() {}

  /** The Deployment and StatefulSet with that name; both exist only after an interrupted kind switch. */
  static List<HasMetadata> named(KubernetesClient client, String namespace, String name) {
    List<HasMetadata> found = new ArrayList<>();
    Optional.ofNullable(client.apps().deployments().inNamespace(namespace).withName(name).get()).ifPresent(found::add);
    Optional.ofNullable(client.apps().statefulSets().inNamespace(namespace).withName(name).get()).ifPresent(found::add);
    return found;
  }

  /** Both kinds carrying all the given labels, in one namespace or (null) in all of them. */
  static List<HasMetadata> labelled(KubernetesClient client, String namespace, Map<String, String> labels) {
    List<HasMetadata> found = new ArrayList<>();
    if (namespace == null) {
      found.addAll(client.apps().deployments().inAnyNamespace().withLabels(labels).list().getItems());
      found.addAll(client.apps().statefulSets().inAnyNamespace().withLabels(labels).list().getItems());
    } else {
      found.addAll(client.apps().deployments().inNamespace(namespace).withLabels(labels).list().getItems());
      found.addAll(client.apps().statefulSets().inNamespace(namespace).withLabels(labels).list().getItems());
    }
    return found;
  }

  /** The workload of the same kind and name as it is now in the namespace, or null when there is none. */
  static HasMetadata reload(KubernetesClient client, String namespace, HasMetadata workload) {
    String name = workload.getMetadata().getName();
    return workload instanceof StatefulSet
        ? client.apps().statefulSets().inNamespace(namespace).withName(name).get()
        : client.apps().deployments().inNamespace(namespace).withName(name).get();
  }

  /** Deletes the workload and waits until it is gone, so that a same-named one can follow. */
  static void delete(KubernetesClient client, HasMetadata workload) {
    client.resource(workload).inNamespace(workload.getMetadata().getNamespace())
        .withTimeout(DELETE_WAIT_SECONDS, TimeUnit.SECONDS).delete();
  }

  static String kind(HasMetadata workload) {
    return workload instanceof StatefulSet ? STATEFUL_SET : DEPLOYMENT;
  }

  static int replicas(HasMetadata workload) {
    Integer replicas = workload instanceof StatefulSet set
        ? set.getSpec().getReplicas()
        : ((Deployment) workload).getSpec().getReplicas();
    // The API server defaults an unset replica count to 1.
    return replicas == null ? 1 : replicas;
  }

  static int readyReplicas(HasMetadata workload) {
    Integer ready = null;
    if (workload instanceof StatefulSet set && set.getStatus() != null) {
      ready = set.getStatus().getReadyReplicas();
    } else if (workload instanceof Deployment deployment && deployment.getStatus() != null) {
      ready = deployment.getStatus().getReadyReplicas();
    }
    return ready == null ? 0 : ready;
  }

  static LabelSelector selector(HasMetadata workload) {
    return workload instanceof StatefulSet set
        ? set.getSpec().getSelector()
        : ((Deployment) workload).getSpec().getSelector();
  }

  static PodTemplateSpec template(HasMetadata workload) {
    return workload instanceof StatefulSet set
        ? set.getSpec().getTemplate()
        : ((Deployment) workload).getSpec().getTemplate();
  }

  /** {@code Deployment "kube0" in namespace "ci"}, for messages. */
  static String describe(HasMetadata workload) {
    return kind(workload) + " \"" + workload.getMetadata().getName() + "\" in namespace \""
        + workload.getMetadata().getNamespace() + "\"";
  }
}
