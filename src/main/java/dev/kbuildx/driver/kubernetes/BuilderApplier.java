package dev.kbuildx.driver.kubernetes;

import dev.kbuildx.KbuildxException;
import dev.kbuildx.progress.ProgressLog;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Brings a builder's nodes in the cluster in line with their rendering: creates what is missing,
 * updates what changed (saying what), and replaces a workload whose kind or immutable fields
 * changed. Unlike buildx, changed options take effect without {@code rm}. Several Maven modules
 * may apply the same builder at once, so conflicts are resolved by re-reading.
 */
public final class BuilderApplier {
  /** Enough for a few concurrent writers of the same node to settle. */
  private static final int ATTEMPTS = 4;

  private final KubernetesClient client;
  private final ProgressLog log;

  public BuilderApplier(KubernetesClient client, ProgressLog log) {
    this.client = client;
    this.log = log;
  }

  /**
   * Applies all nodes, after checking that none of their objects belongs to someone else.
   *
   * @return the nodes that had no workload before, which a failed bootstrap removes again
   */
  public List<RenderedNode> apply(List<RenderedNode> nodes) {
    // Checked for every node first, so that a conflict leaves no half-created builder behind.
    for (RenderedNode node : nodes) {
      checkOwnership(node);
    }
    List<RenderedNode> created = new ArrayList<>();
    for (RenderedNode node : nodes) {
      if (applyWithRetries(node)) {
        created.add(node);
      }
    }
    return created;
  }

  private void checkOwnership(RenderedNode node) {
    String namespace = node.namespace();
    for (HasMetadata existing : call(node, () -> Workloads.named(client, namespace, objectName(node)))) {
      checkOwner(node, existing);
    }
    for (ConfigMap wanted : node.configMaps()) {
      ConfigMap existing = call(node, () ->
          client.configMaps().inNamespace(namespace).withName(wanted.getMetadata().getName()).get());
      if (existing != null) {
        checkOwner(node, existing);
      }
    }
  }

  private void checkOwner(RenderedNode node, HasMetadata existing) {
    Map<String, String> labels = existing.getMetadata().getLabels();
    String builder = labels == null ? null : labels.get(BuilderLabels.BUILDER);
    String nodeName = labels == null ? null : labels.get(BuilderLabels.NODE);
    if (node.builder().equals(builder) && node.node().name().equals(nodeName)) {
      return;
    }
    String owner = builder == null
        ? "is not managed by kbuildx (it has no " + BuilderLabels.BUILDER + " label)"
        : "belongs to node " + nodeName + " of builder \"" + builder + "\"";
    throw new KbuildxException("cannot apply node " + node.node().name() + " of builder \"" + node.builder()
        + "\": the " + existing.getKind() + " \"" + existing.getMetadata().getName() + "\" in namespace \""
        + node.namespace() + "\" " + owner + "; nothing was changed. Choose another node name or namespace.");
  }

  /** True when the node's workload was created rather than updated or left alone. */
  private boolean applyWithRetries(RenderedNode node) {
    for (int attempt = 1; ; attempt++) {
      try {
        return applyOnce(node);
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt == ATTEMPTS) {
          throw failure(node, e);
        }
        // Another writer got there first: look again at what it left.
        log.debug("node " + node.node().name() + ": changed concurrently, reading it again");
      }
    }
  }

  private boolean applyOnce(RenderedNode node) {
    HasMetadata wanted = withNamespace(node.workload(), node.namespace());
    HasMetadata current = null;
    List<HasMetadata> named = Workloads.named(client, node.namespace(), objectName(node));
    for (HasMetadata existing : named) {
      if (Workloads.kind(existing).equals(Workloads.kind(wanted))) {
        current = existing;
      } else {
        log.info("node " + node.node().name() + ": replacing the " + Workloads.kind(existing) + " with a "
            + Workloads.kind(wanted) + (wanted instanceof StatefulSet
                ? " (persistent volume claim storage was added)"
                : " (persistent volume claim storage was removed)"));
        Workloads.delete(client, existing);
        log.info("node " + node.node().name() + ": deleted " + Workloads.describe(existing));
      }
    }
    if (current == null) {
      applyConfigMaps(node);
      create(node, wanted);
    } else if (node.specHash().equals(annotation(current, BuilderLabels.SPEC_HASH))) {
      log.info("node " + node.node().name() + " is up to date");
      return false;
    } else {
      log.info("node " + node.node().name() + ": "
          + SpecDiff.describe(annotation(current, BuilderLabels.SPEC), node.spec()));
      applyConfigMaps(node);
      update(node, current, wanted);
    }
    deleteStaleConfigMaps(node);
    return named.isEmpty();
  }

  private void create(RenderedNode node, HasMetadata wanted) {
    client.resource(wanted).inNamespace(node.namespace()).create();
    log.info("node " + node.node().name() + ": created " + Workloads.describe(wanted));
  }

  private void update(RenderedNode node, HasMetadata current, HasMetadata wanted) {
    String immutable = immutableChange(current, wanted);
    if (immutable != null) {
      log.info("node " + node.node().name() + ": replacing the " + Workloads.kind(current) + " because its "
          + immutable + " cannot be changed in place");
      Workloads.delete(client, current);
      create(node, wanted);
      return;
    }
    // The resource version makes a concurrent change fail with a conflict instead of being overwritten.
    wanted.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
    client.resource(wanted).inNamespace(node.namespace()).update();
    log.info("node " + node.node().name() + ": updated " + Workloads.describe(wanted));
  }

  /** What differs in a field the API server refuses to update, or null. */
  private static String immutableChange(HasMetadata current, HasMetadata wanted) {
    if (!Objects.equals(Workloads.selector(current).getMatchLabels(), Workloads.selector(wanted).getMatchLabels())) {
      return "selector";
    }
    if (current instanceof StatefulSet existing && wanted instanceof StatefulSet declared) {
      if (!claimStorage(existing.getSpec()).equals(claimStorage(declared.getSpec()))) {
        return "volume claim template (existing claims keep their size until the node is removed with its volumes)";
      }
      if (!Objects.equals(existing.getSpec().getServiceName(), declared.getSpec().getServiceName())
          || !Objects.equals(existing.getSpec().getPodManagementPolicy(), declared.getSpec().getPodManagementPolicy())) {
        return "service name or pod management policy";
      }
    }
    return null;
  }

  /** Claim name to requested storage; the server adds defaults elsewhere in the templates. */
  private static Map<String, Quantity> claimStorage(StatefulSetSpec spec) {
    Map<String, Quantity> storage = new TreeMap<>();
    List<PersistentVolumeClaim> templates = spec.getVolumeClaimTemplates();
    if (templates != null) {
      for (PersistentVolumeClaim claim : templates) {
        Map<String, Quantity> requests = claim.getSpec().getResources() == null
            ? null : claim.getSpec().getResources().getRequests();
        storage.put(claim.getMetadata().getName(), requests == null ? null : requests.get("storage"));
      }
    }
    return storage;
  }

  private void applyConfigMaps(RenderedNode node) {
    for (ConfigMap configMap : node.configMaps()) {
      client.resource(withNamespace(configMap, node.namespace())).inNamespace(node.namespace())
          .createOr(NonDeletingOperation::update);
      log.debug("node " + node.node().name() + ": wrote ConfigMap \"" + configMap.getMetadata().getName() + "\"");
    }
  }

  private void deleteStaleConfigMaps(RenderedNode node) {
    Set<String> wanted = node.configMaps().stream().map(c -> c.getMetadata().getName()).collect(Collectors.toSet());
    Map<String, String> owner = Map.of(BuilderLabels.BUILDER, node.builder(), BuilderLabels.NODE, node.node().name());
    for (ConfigMap existing : client.configMaps().inNamespace(node.namespace()).withLabels(owner).list().getItems()) {
      if (!wanted.contains(existing.getMetadata().getName())) {
        client.resource(existing).inNamespace(node.namespace()).delete();
        log.info("node " + node.node().name() + ": deleted ConfigMap \"" + existing.getMetadata().getName()
            + "\" (no longer used)");
      }
    }
  }

  private static String objectName(RenderedNode node) {
    return node.workload().getMetadata().getName();
  }

  private static String annotation(HasMetadata object, String key) {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(key);
  }

  /** A copy in the target namespace, so that the caller's rendering is never modified. */
  private static <T extends HasMetadata> T withNamespace(T object, String namespace) {
    T copy = Serialization.clone(object);
    copy.getMetadata().setNamespace(namespace);
    return copy;
  }

  private <T> T call(RenderedNode node, Supplier<T> request) {
    try {
      return request.get();
    } catch (KubernetesClientException e) {
      throw failure(node, e);
    }
  }

  private KbuildxException failure(RenderedNode node, KubernetesClientException e) {
    return new KbuildxException("could not apply node " + node.node().name() + " of builder \"" + node.builder()
        + "\" in namespace \"" + node.namespace() + "\": " + ApiErrors.message(client, e), e);
  }
}
