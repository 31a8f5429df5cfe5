package dev.kbuildx.driver.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Explains why a node's pods are not ready: for each pod its phase, what its containers wait for
 * (such as {@code ImagePullBackOff}), why it is not scheduled, and its latest warning events.
 * Without pods, the warnings of the workload and its ReplicaSets say why none were created (for
 * example an exceeded quota).
 */
final class NotReadyDiagnosis {
  private static final int MAX_PODS = 5;
  private static final int MAX_EVENTS = 3;
  private static final String WARNING = "Warning";

  private final KubernetesClient client;

  NotReadyDiagnosis(KubernetesClient client) {
    this.client = client;
  }

  /**
   * @param workload the workload as last read, or null when it no longer exists
   * @param expected the declared replica count
   * @return a summary such as {@code 0 of 2 pods ready (...)}, then one indented line per finding
   */
  String describe(String namespace, String kind, String name, HasMetadata workload, int expected) {
    String where = kind + " \"" + name + "\" in namespace \"" + namespace + "\"";
    if (workload == null) {
      return "the " + where + " no longer exists";
    }
    StringBuilder text = new StringBuilder(Workloads.readyReplicas(workload) + " of " + expected
        + " pods ready (" + where + ")");
    List<Event> events = client.v1().events().inNamespace(namespace).list().getItems();
    List<Pod> pods = client.pods().inNamespace(namespace).withLabels(Workloads.selector(workload).getMatchLabels())
        .list().getItems().stream()
        .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null)
        .sorted(Comparator.comparing(pod -> pod.getMetadata().getName()))
        .toList();
    if (pods.isEmpty()) {
      text.append("\n  no pods exist");
      workloadProblems(workload).forEach(problem -> text.append("\n  ").append(problem));
      warnings(events, ownObjects(namespace, kind, workload)).forEach(w -> text.append("\n    ").append(w));
      return text.toString();
    }
    List<Pod> notReady = pods.stream().filter(pod -> !isReady(pod)).toList();
    for (Pod pod : notReady.subList(0, Math.min(MAX_PODS, notReady.size()))) {
      text.append("\n  ").append(podProblems(pod));
      List<String> warnings = warnings(events, Set.of("Pod/" + pod.getMetadata().getName()));
      warnings.forEach(w -> text.append("\n    ").append(w));
      ContainerdMountHints.of(pod, warnings).forEach(hint -> text.append("\n    ").append(hint));
    }
    if (notReady.size() > MAX_PODS) {
      text.append("\n  and ").append(notReady.size() - MAX_PODS).append(" more pods not ready");
    }
    return text.toString();
  }

  private static String podProblems(Pod pod) {
    List<String> problems = new ArrayList<>();
    problems.add("phase " + (pod.getStatus() == null ? "unknown" : pod.getStatus().getPhase()));
    if (pod.getStatus() != null) {
      containerProblems("init container ", pod.getStatus().getInitContainerStatuses(), problems);
      containerProblems("container ", pod.getStatus().getContainerStatuses(), problems);
      conditions(pod).filter(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus()))
          .forEach(c -> problems.add("not scheduled: " + reasonAndMessage(c.getReason(), c.getMessage())));
    }
    return "pod " + pod.getMetadata().getName() + ": " + String.join("; ", problems);
  }

  private static void containerProblems(String what, List<ContainerStatus> statuses, List<String> problems) {
    if (statuses == null) {
      return;
    }
    for (ContainerStatus status : statuses) {
      String container = what + status.getName();
      ContainerStateWaiting waiting = status.getState() == null ? null : status.getState().getWaiting();
      if (waiting != null) {
        problems.add(container + " waiting: " + reasonAndMessage(waiting.getReason(), waiting.getMessage()));
      } else if (status.getState() != null && status.getState().getRunning() != null
          && !Boolean.TRUE.equals(status.getReady())) {
        problems.add(container + " running but not ready");
      }
      ContainerStateTerminated last = status.getLastState() == null ? null : status.getLastState().getTerminated();
      if (last != null) {
        problems.add(container + " last exited with code " + last.getExitCode()
            + (last.getReason() == null ? "" : " (" + last.getReason() + ")"));
      }
    }
  }

  /** Conditions that explain why a Deployment has no pods, such as a quota refusing them. */
  private static List<String> workloadProblems(HasMetadata workload) {
    if (!(workload instanceof Deployment deployment) || deployment.getStatus() == null
        || deployment.getStatus().getConditions() == null) {
      return List.of();
    }
    List<String> problems = new ArrayList<>();
    for (DeploymentCondition condition : deployment.getStatus().getConditions()) {
      boolean failing = ("ReplicaFailure".equals(condition.getType()) && "True".equals(condition.getStatus()))
          || ("Progressing".equals(condition.getType()) && "False".equals(condition.getStatus()));
      if (failing) {
        problems.add(condition.getType() + ": " + reasonAndMessage(condition.getReason(), condition.getMessage()));
      }
    }
    return problems;
  }

  /** The workload and, for a Deployment, its ReplicaSets, as {@code Kind/name}. */
  private Set<String> ownObjects(String namespace, String kind, HasMetadata workload) {
    Set<String> objects = new LinkedHashSet<>();
    objects.add(kind + "/" + workload.getMetadata().getName());
    if (workload instanceof Deployment) {
      for (ReplicaSet replicaSet : client.apps().replicaSets().inNamespace(namespace)
          .withLabels(Workloads.selector(workload).getMatchLabels()).list().getItems()) {
        objects.add("ReplicaSet/" + replicaSet.getMetadata().getName());
      }
    }
    return objects;
  }

  /** The latest distinct warnings about the given objects, oldest first. */
  private static List<String> warnings(List<Event> events, Set<String> objects) {
    List<Event> matching = events.stream()
        .filter(event -> WARNING.equals(event.getType()) && objects.contains(reference(event.getInvolvedObject())))
        .sorted(Comparator.comparing(NotReadyDiagnosis::time))
        .toList();
    Set<String> lines = new LinkedHashSet<>();
    for (Event event : matching) {
      String line = WARNING + " " + reasonAndMessage(event.getReason(), event.getMessage())
          + (objects.size() > 1 ? " (" + reference(event.getInvolvedObject()) + ")" : "");
      // A repeated warning is listed once, at the place of its latest occurrence.
      lines.remove(line);
      lines.add(line);
    }
    List<String> all = new ArrayList<>(lines);
    return all.subList(Math.max(0, all.size() - MAX_EVENTS), all.size());
  }

  private static String reference(ObjectReference object) {
    return object == null ? "" : object.getKind() + "/" + object.getName();
  }

  private static Instant time(Event event) {
    String time = Stream.of(
            event.getLastTimestamp(),
            event.getEventTime() == null ? null : event.getEventTime().getTime(),
            event.getFirstTimestamp(),
            event.getMetadata() == null ? null : event.getMetadata().getCreationTimestamp())
        .filter(value -> value != null && !value.isEmpty())
        .findFirst()
        .orElse(null);
    try {
      return time == null ? Instant.EPOCH : Instant.parse(time);
    } catch (DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }

  static boolean isReady(Pod pod) {
    return conditions(pod).anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static Stream<PodCondition> conditions(Pod pod) {
    return pod.getStatus() == null || pod.getStatus().getConditions() == null
        ? Stream.empty()
        : pod.getStatus().getConditions().stream();
  }

  private static String reasonAndMessage(String reason, String message) {
    if (message == null || message.isBlank()) {
      return reason == null ? "no reason given" : reason;
    }
    return (reason == null ? "" : reason + ": ") + message.strip();
  }
}
