package dev.kbuildx.driver.kubernetes;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.KbuildxException;
import dev.kbuildx.SettingKey;
import dev.kbuildx.progress.ProgressLog;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The builder goals on the kubernetes driver: what {@code create}, {@code append}, {@code ls} and
 * {@code rm} do, composed from the applier, the readiness waiter, the inventory and the remover.
 */
public final class KubernetesBuilders {
  private final ClusterAccess access;
  private final ProgressLog log;

  public KubernetesBuilders(ClusterAccess access, ProgressLog log) {
    this.access = access;
    this.log = log;
  }

  /** Multi-document YAML of everything {@code create} would apply; needs no cluster. */
  public static String dryRun(BuilderSpec spec, String namespace) {
    String fallback = checkedNamespace(namespace);
    StringBuilder yaml = new StringBuilder();
    for (NodeSpec node : spec.nodes()) {
      RenderedNode rendered = WorkloadRenderer.render(spec.name(), node, namespaceOf(node, fallback));
      List<HasMetadata> objects = new ArrayList<>(rendered.configMaps());
      objects.add(rendered.workload());
      for (HasMetadata object : objects) {
        yaml.append(KubectlYaml.document(object));
      }
    }
    return yaml.toString();
  }

  /** Applies every node of {@code spec}, then waits for their pods unless told not to. */
  public void create(BuilderSpec spec, String namespace, boolean bootstrap) {
    String fallback = lookupNamespace(namespace);
    List<RenderedNode> rendered = spec.nodes().stream()
        .map(node -> WorkloadRenderer.render(spec.name(), node, namespaceOf(node, fallback)))
        .toList();
    apply(rendered, bootstrap);
    log.info("builder " + spec.name() + " is " + (bootstrap ? "ready" : "applied"));
  }

  /** The nodes of {@code builder} in the namespace (default: the context's). */
  public List<NodeState> existingNodes(String builder, String namespace) {
    String where = lookupNamespace(namespace);
    return read("the nodes of builder \"" + builder + "\" in namespace \"" + where + "\"",
        () -> new BuilderInventory(access.client()).builder(builder, where));
  }

  /**
   * The nodes of the declared builder, each looked up where {@link #create} puts it, so that nodes
   * in different namespaces are all found; other nodes of the builder in those namespaces too.
   */
  public List<NodeState> existingNodes(BuilderSpec spec, String namespace) {
    BuilderInventory inventory = new BuilderInventory(access.client());
    return namespaces(spec, namespace).stream()
        .flatMap(where -> read("the nodes of builder \"" + spec.name() + "\" in namespace \"" + where + "\"",
            () -> inventory.builder(spec.name(), where)).stream())
        .toList();
  }

  /** Where the declared builder's nodes live, in declaration order without repeats. */
  public List<String> namespaces(BuilderSpec spec, String namespace) {
    String fallback = lookupNamespace(namespace);
    return spec.nodes().stream().map(node -> namespaceOf(node, fallback)).distinct().toList();
  }

  /** Where {@code node} lives: its {@code namespace} driver option, else {@code namespace}, else the context's. */
  public String nodeNamespace(NodeSpec node, String namespace) {
    return namespaceOf(node, lookupNamespace(namespace));
  }

  /**
   * Adds {@code node} to a builder whose nodes are {@code existing}; its platforms are taken away
   * from the other nodes.
   */
  public void append(String builder, List<NodeState> existing, NodeSpec node, String namespace, boolean bootstrap) {
    String fallback = lookupNamespace(namespace);
    if (existing.isEmpty()) {
      throw new KbuildxException("builder \"" + builder + "\" was not found in namespace \"" + fallback
          + "\"; create it first with kbuildx:create, or name its namespace with -Dkbuildx.namespace");
    }
    RenderedNode rendered = WorkloadRenderer.render(builder, node, namespaceOf(node, fallback));
    List<NodeState> others = existing.stream().filter(n -> !n.node().equals(node.name())).toList();
    // After the node stands, so that a node that fails leaves the others as they were.
    apply(List.of(rendered), bootstrap);
    new PlatformOwnership(access.client(), log).release(others, node.platforms());
    log.info("node " + node.name() + " of builder " + builder + " is " + (bootstrap ? "ready" : "applied"));
  }

  /** Every node of every builder in one namespace (default: the context's), or in all. */
  public List<NodeState> list(String namespace, boolean allNamespaces) {
    String where = allNamespaces ? null : lookupNamespace(namespace);
    return read("the builders in " + (where == null ? "all namespaces" : "namespace \"" + where + "\""),
        () -> new BuilderInventory(access.client()).nodes(where));
  }

  /** Asks the BuildKit of each running pod of {@code nodes} for its version and worker platforms. */
  public Map<PodAddress, DaemonStatus> daemons(List<NodeState> nodes) {
    return new PodStatusQuery(access.client(), PodStatusQuery.DEFAULT_TIMEOUT, log).query(nodes);
  }

  /** Removes a builder, or one node of it when {@code node} is not null. */
  public void remove(String builder, String node, String namespace, boolean removeVolumes) {
    new BuilderRemover(access.client(), log).remove(builder, node, lookupNamespace(namespace), removeVolumes);
  }

  private void apply(List<RenderedNode> rendered, boolean bootstrap) {
    List<RenderedNode> created = new BuilderApplier(access.client(), log).apply(rendered);
    if (bootstrap) {
      try {
        new ReadinessWaiter(access.client()).await(rendered, log);
      } catch (BootstrapTimeoutException e) {
        throw removeCreated(created, e);
      }
    }
  }

  /**
   * Removes the nodes this run created when they did not become ready, so that a failed create
   * leaves no half-created builder behind; nodes that existed before stay as they are.
   */
  private BootstrapTimeoutException removeCreated(List<RenderedNode> created, BootstrapTimeoutException failure) {
    if (created.isEmpty()) {
      return failure;
    }
    BuilderRemover remover = new BuilderRemover(access.client(), log);
    List<String> removed = new ArrayList<>();
    for (RenderedNode node : created) {
      try {
        remover.remove(node.builder(), node.node().name(), node.namespace(), false);
        removed.add(node.node().name());
      } catch (KbuildxException e) {
        log.warn("could not remove node " + node.node().name() + " after its failed bootstrap: " + e.getMessage());
      }
    }
    if (removed.isEmpty()) {
      return failure;
    }
    return new BootstrapTimeoutException(failure.getMessage() + "\nThe nodes this run created ("
        + String.join(", ", removed) + ") were removed again, so that no half-created builder is left;"
        + " -Dkbuildx.bootstrap=false applies them without waiting, to look at their pods with kubectl.");
  }

  private <T> T read(String what, Supplier<T> request) {
    try {
      return request.get();
    } catch (KubernetesClientException e) {
      throw new KbuildxException("could not read " + what + ": " + ApiErrors.message(access.client(), e), e);
    }
  }

  private String lookupNamespace(String namespace) {
    String explicit = checkedNamespace(namespace);
    return explicit != null ? explicit : access.defaultNamespace();
  }

  /** The namespace the user named, checked before it reaches an API path; null when none. */
  private static String checkedNamespace(String namespace) {
    if (namespace == null || namespace.isBlank()) {
      return null;
    }
    if (!KubernetesNames.isDnsLabel(namespace)) {
      throw InvalidSettingException.setting(SettingKey.NAMESPACE.key(), namespace, "a namespace must be " + KubernetesNames.DNS_LABEL_RULE);
    }
    return namespace;
  }

  private static String namespaceOf(NodeSpec node, String fallback) {
    return node.options().namespace() != null ? node.options().namespace() : fallback;
  }
}
