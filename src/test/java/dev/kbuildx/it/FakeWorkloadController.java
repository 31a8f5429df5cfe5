package dev.kbuildx.it;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays the Deployment and StatefulSet controllers for the mock API server, which stores objects
 * but runs no controllers. Every workload gets Running, Ready pods named like the real ones
 * ({@code <name>-<template hash>-<suffix>}, {@code <name>-<ordinal>}) and a status counting them;
 * the pods go away with their workload; StatefulSet claim templates become
 * PersistentVolumeClaims that, as in a real cluster, outlive the StatefulSet.
 */
final class FakeWorkloadController implements AutoCloseable {
  private static final long PERIOD_MILLIS = 50;
  /** The characters Kubernetes uses for generated name parts (no vowels, no look-alikes). */
  private static final String NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
  private static final String NODE_NAME = "it-node-1";

  private final KubernetesClient client;
  private final Thread thread;
  private final Random random = new Random();
  private final AtomicInteger podIps = new AtomicInteger();
  private volatile boolean running = true;

  FakeWorkloadController(KubernetesClient client) {
    this.client = client;
    this.thread = new Thread(this::loop, "kbuildx-it-fake-controller");
    // A forgotten cluster must never keep the Maven JVM alive.
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void loop() {
    while (running) {
      try {
        reconcile();
      } catch (KubernetesClientException e) {
        // Listing failed, e.g. while the server shuts down; the next pass tries again.
        if (running) {
          System.err.println("[kbuildx-it] fake controller: " + e.getMessage());
        }
      }
      try {
        Thread.sleep(PERIOD_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** One pass over every workload, as a real controller does on each change. */
  void reconcile() {
    List<Pod> pods = client.pods().inAnyNamespace().list().getItems();
    List<Deployment> deployments = client.apps().deployments().inAnyNamespace().list().getItems();
    List<StatefulSet> statefulSets = client.apps().statefulSets().inAnyNamespace().list().getItems();
    // Orphans go first: a workload re-created under the same name needs their pod names.
    Set<String> workloadUids = new HashSet<>();
    deployments.forEach(deployment -> workloadUids.add(deployment.getMetadata().getUid()));
    statefulSets.forEach(statefulSet -> workloadUids.add(statefulSet.getMetadata().getUid()));
    for (Pod pod : pods) {
      String owner = controllerUid(pod);
      if (owner != null && !workloadUids.contains(owner)) {
        delete(pod);
      }
    }
    for (Deployment deployment : deployments) {
      reconcileSafely(deployment, () -> reconcile(deployment, ownedBy(pods, deployment)));
    }
    for (StatefulSet statefulSet : statefulSets) {
      reconcileSafely(statefulSet, () -> reconcile(statefulSet, ownedBy(pods, statefulSet)));
    }
  }

  /** One workload's trouble (often a race with the build under test) must not stall the others. */
  private void reconcileSafely(HasMetadata workload, Runnable step) {
    try {
      step.run();
    } catch (KubernetesClientException e) {
      if (running) {
        System.err.println("[kbuildx-it] fake controller, " + workload.getKind() + " "
            + workload.getMetadata().getName() + ": " + e.getMessage());
      }
    }
  }

  private void reconcile(Deployment deployment, List<Pod> owned) {
    int desired = replicas(deployment.getSpec().getReplicas());
    PodTemplateSpec template = deployment.getSpec().getTemplate();
    String hash = templateHash(template);
    String prefix = deployment.getMetadata().getName() + "-" + hash + "-";
    List<Pod> pods = new ArrayList<>();
    for (Pod pod : owned) {
      // A changed template rolls the pods over, as a rolling update ends up doing.
      if (hash.equals(pod.getMetadata().getLabels().get("pod-template-hash"))) {
        pods.add(pod);
      } else {
        delete(pod);
      }
    }
    pods.sort(Comparator.comparing(pod -> pod.getMetadata().getName()));
    while (pods.size() > desired) {
      delete(pods.remove(pods.size() - 1));
    }
    while (pods.size() < desired) {
      pods.add(createPod(deployment, template, prefix + randomName(5),
          Map.of("pod-template-hash", hash)));
    }
    boolean current = deployment.getStatus() != null
        && Objects.equals(deployment.getStatus().getReadyReplicas(), desired)
        && Objects.equals(deployment.getStatus().getReplicas(), desired)
        && Objects.equals(deployment.getStatus().getObservedGeneration(),
            deployment.getMetadata().getGeneration());
    if (!current) {
      deployment.setStatus(new DeploymentStatusBuilder()
          .withObservedGeneration(deployment.getMetadata().getGeneration())
          .withReplicas(desired).withUpdatedReplicas(desired)
          .withReadyReplicas(desired).withAvailableReplicas(desired)
          .addNewCondition().withType("Available").withStatus("True")
              .withReason("MinimumReplicasAvailable").endCondition()
          .build());
      client.apps().deployments().inNamespace(deployment.getMetadata().getNamespace())
          .resource(deployment).updateStatus();
    }
  }

  private void reconcile(StatefulSet statefulSet, List<Pod> owned) {
    String name = statefulSet.getMetadata().getName();
    String namespace = statefulSet.getMetadata().getNamespace();
    int desired = replicas(statefulSet.getSpec().getReplicas());
    PodTemplateSpec template = statefulSet.getSpec().getTemplate();
    String revision = name + "-" + templateHash(template);
    Set<String> existing = new HashSet<>();
    for (Pod pod : owned) {
      if (ordinal(name, pod) >= desired
          || !revision.equals(pod.getMetadata().getLabels().get("controller-revision-hash"))) {
        delete(pod);
      } else {
        existing.add(pod.getMetadata().getName());
      }
    }
    for (int ordinal = 0; ordinal < desired; ordinal++) {
      String podName = name + "-" + ordinal;
      createClaims(statefulSet, ordinal);
      if (!existing.contains(podName)) {
        createPod(statefulSet, template, podName, Map.of(
            "statefulset.kubernetes.io/pod-name", podName,
            "controller-revision-hash", revision));
      }
    }
    boolean current = statefulSet.getStatus() != null
        && Objects.equals(statefulSet.getStatus().getReadyReplicas(), desired)
        && Objects.equals(statefulSet.getStatus().getReplicas(), desired)
        && Objects.equals(statefulSet.getStatus().getObservedGeneration(),
            statefulSet.getMetadata().getGeneration());
    if (!current) {
      statefulSet.setStatus(new StatefulSetStatusBuilder()
          .withObservedGeneration(statefulSet.getMetadata().getGeneration())
          .withReplicas(desired).withCurrentReplicas(desired).withUpdatedReplicas(desired)
          .withReadyReplicas(desired).withAvailableReplicas(desired)
          .withCurrentRevision(revision).withUpdateRevision(revision)
          .build());
      client.apps().statefulSets().inNamespace(namespace).resource(statefulSet).updateStatus();
    }
  }

  /** Claims are named {@code <template>-<statefulset>-<ordinal>} and are never deleted here. */
  private void createClaims(StatefulSet statefulSet, int ordinal) {
    List<PersistentVolumeClaim> templates = statefulSet.getSpec().getVolumeClaimTemplates();
    if (templates == null) {
      return;
    }
    String namespace = statefulSet.getMetadata().getNamespace();
    for (PersistentVolumeClaim claimTemplate : templates) {
      String claimName = claimTemplate.getMetadata().getName() + "-"
          + statefulSet.getMetadata().getName() + "-" + ordinal;
      if (client.persistentVolumeClaims().inNamespace(namespace).withName(claimName).get() == null) {
        // As the real controller does: the template's labels plus the selector's.
        Map<String, String> labels = new LinkedHashMap<>();
        if (claimTemplate.getMetadata().getLabels() != null) {
          labels.putAll(claimTemplate.getMetadata().getLabels());
        }
        labels.putAll(statefulSet.getSpec().getSelector().getMatchLabels());
        client.persistentVolumeClaims().inNamespace(namespace).resource(
            new PersistentVolumeClaimBuilder(claimTemplate)
                .editMetadata().withName(claimName).withNamespace(namespace).withLabels(labels)
                .endMetadata()
                .withNewStatus().withPhase("Bound").endStatus()
                .build())
            .create();
      }
    }
  }

  private Pod createPod(HasMetadata owner, PodTemplateSpec template, String name,
      Map<String, String> controllerLabels) {
    Map<String, String> labels = new LinkedHashMap<>();
    if (template.getMetadata() != null && template.getMetadata().getLabels() != null) {
      labels.putAll(template.getMetadata().getLabels());
    }
    labels.putAll(controllerLabels);
    Map<String, String> annotations = template.getMetadata() == null
        || template.getMetadata().getAnnotations() == null
        ? Map.of() : template.getMetadata().getAnnotations();
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    List<ContainerStatus> containers = template.getSpec().getContainers().stream()
        .map(container -> new ContainerStatusBuilder()
            .withName(container.getName()).withImage(container.getImage())
            .withReady(true).withStarted(true).withRestartCount(0)
            .withNewState().withNewRunning().withStartedAt(now).endRunning().endState()
            .build())
        .toList();
    Pod pod = new PodBuilder()
        .withNewMetadata()
            .withName(name).withNamespace(owner.getMetadata().getNamespace())
            .withLabels(labels).withAnnotations(annotations)
            .withOwnerReferences(controllerReference(owner))
        .endMetadata()
        .withSpec(template.getSpec())
        .editSpec().withNodeName(NODE_NAME).endSpec()
        .withNewStatus()
            .withPhase("Running").withStartTime(now)
            .withPodIP("10.244.0." + (podIps.incrementAndGet() % 250 + 2)).withHostIP("10.0.0.1")
            .withConditions(condition("PodScheduled"), condition("Initialized"),
                condition("ContainersReady"), condition("Ready"))
            .withContainerStatuses(containers)
        .endStatus()
        .build();
    return client.pods().inNamespace(owner.getMetadata().getNamespace()).resource(pod).create();
  }

  private static PodCondition condition(String type) {
    return new PodConditionBuilder().withType(type).withStatus("True").build();
  }

  private static OwnerReference controllerReference(HasMetadata owner) {
    return new OwnerReferenceBuilder()
        .withApiVersion(owner.getApiVersion()).withKind(owner.getKind())
        .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid())
        .withController(true).withBlockOwnerDeletion(true)
        .build();
  }

  private static List<Pod> ownedBy(List<Pod> pods, HasMetadata owner) {
    String uid = owner.getMetadata().getUid();
    return pods.stream().filter(pod -> uid.equals(controllerUid(pod))).toList();
  }

  private static String controllerUid(Pod pod) {
    return pod.getMetadata().getOwnerReferences().stream()
        .filter(reference -> Boolean.TRUE.equals(reference.getController()))
        .map(OwnerReference::getUid)
        .findFirst().orElse(null);
  }

  private static int ordinal(String statefulSetName, Pod pod) {
    String suffix = pod.getMetadata().getName().substring(statefulSetName.length() + 1);
    return Integer.parseInt(suffix);
  }

  private static int replicas(Integer replicas) {
    return replicas == null ? 1 : replicas;
  }

  /** Stable per template, like the real pod-template-hash: a changed template means new pods. */
  private static String templateHash(PodTemplateSpec template) {
    long hash = Integer.toUnsignedLong(Serialization.asJson(template).hashCode());
    StringBuilder name = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      name.append(NAME_ALPHABET.charAt((int) (hash % NAME_ALPHABET.length())));
      hash /= NAME_ALPHABET.length();
    }
    return name.toString();
  }

  private String randomName(int length) {
    StringBuilder name = new StringBuilder();
    for (int i = 0; i < length; i++) {
      name.append(NAME_ALPHABET.charAt(random.nextInt(NAME_ALPHABET.length())));
    }
    return name.toString();
  }

  private void delete(Pod pod) {
    client.pods().inNamespace(pod.getMetadata().getNamespace())
        .withName(pod.getMetadata().getName()).delete();
  }
}
