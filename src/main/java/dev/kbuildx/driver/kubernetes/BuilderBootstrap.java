package dev.kbuildx.driver.kubernetes;

import dev.kbuildx.progress.ProgressLog;
import java.util.List;
import java.util.Optional;

/**
 * One Kubernetes builder as a build sees it: its nodes as the cluster holds them, read once, and
 * its declaration, applied at most once however many of its nodes' drivers ask for a bootstrap.
 */
final class BuilderBootstrap {
  private final KubernetesBuilders builders;
  private final String name;
  private final BuilderSpec declared;
  private final String namespace;
  private final ProgressLog log;
  private List<NodeState> nodes;
  private boolean bootstrapped;

  /**
   * @param declared the builder's declaration, or null when it must already exist
   * @param namespace the builder's namespace, or null for the kube context's
   */
  BuilderBootstrap(KubernetesBuilders builders, String name, BuilderSpec declared, String namespace, ProgressLog log) {
    this.builders = builders;
    this.name = name;
    this.declared = declared;
    this.namespace = namespace;
    this.log = log;
  }

  String name() {
    return name;
  }

  /** A declared builder's nodes are where their own {@code namespace} driver option puts them, as create does. */
  synchronized List<NodeState> nodes() {
    if (nodes == null) {
      nodes = declared == null ? builders.existingNodes(name, namespace) : builders.existingNodes(declared, namespace);
    }
    return nodes;
  }

  Optional<NodeState> node(String node, String nodeNamespace) {
    return nodes().stream()
        .filter(state -> state.node().equals(node) && state.namespace().equals(nodeNamespace))
        .findFirst();
  }

  /** Where a declared node lives: its {@code namespace} driver option, else the builder's. */
  String namespaceOf(NodeSpec node) {
    return builders.nodeNamespace(node, namespace);
  }

  /** Applies the whole declaration, so that its nodes come up together, and reads the nodes again. */
  synchronized void bootstrap() {
    if (bootstrapped) {
      return;
    }
    log.info("builder " + name + " is missing or not ready; bootstrapping it");
    builders.create(declared, namespace, true);
    bootstrapped = true;
    nodes = null;
  }
}
