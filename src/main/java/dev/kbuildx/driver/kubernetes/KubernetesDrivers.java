package dev.kbuildx.driver.kubernetes;

import dev.kbuildx.KbuildxException;
import dev.kbuildx.driver.Driver;
import dev.kbuildx.progress.ProgressLog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Makes the drivers of a Kubernetes builder's nodes, for a build. */
public final class KubernetesDrivers {
  private KubernetesDrivers() {}

  /**
   * The declared nodes in declaration order, then the builder's other nodes by name: the first
   * node builds the platforms that no node is declared for. Reads the cluster once; nothing is
   * created yet.
   *
   * @param declared the builder's declaration, which bootstraps it when needed; null when it must already exist
   * @param namespace the builder's namespace, or null for the kube context's
   * @param stickyKey what a sticky load balance hashes: the absolute path of the build context
   */
  public static List<Driver> forBuild(ClusterAccess access, String name, BuilderSpec declared, String namespace,
      String stickyKey, ProgressLog log) {
    BuilderBootstrap builder = new BuilderBootstrap(new KubernetesBuilders(access, log), name, declared, namespace, log);
    List<NodeState> existing = builder.nodes();
    if (declared == null && existing.isEmpty()) {
      throw new KbuildxException("builder \"" + name + "\" was not found in namespace "
          + (namespace == null ? "of the kube context" : "\"" + namespace + "\"") + "; create it with kbuildx:create,"
          + " declare its <nodes> in the POM, or name its namespace with -Dkbuildx.namespace");
    }
    List<Driver> drivers = new ArrayList<>();
    List<String> declaredNames = new ArrayList<>();
    for (NodeSpec node : declared == null ? List.<NodeSpec>of() : declared.nodes()) {
      drivers.add(new KubernetesDriver(builder, node.name(), builder.namespaceOf(node), node, access, stickyKey, log));
      declaredNames.add(node.name());
    }
    existing.stream()
        .filter(node -> !declaredNames.contains(node.node()))
        .sorted(Comparator.comparing(NodeState::node))
        .forEach(node -> drivers.add(
            new KubernetesDriver(builder, node.node(), node.namespace(), null, access, stickyKey, log)));
    return drivers;
  }
}
