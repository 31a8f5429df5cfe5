package dev.kbuildx.maven;

import dev.kbuildx.driver.kubernetes.BuilderTable;
import dev.kbuildx.driver.kubernetes.ClusterAccess;
import dev.kbuildx.driver.kubernetes.DaemonStatus;
import dev.kbuildx.driver.kubernetes.KubernetesBuilders;
import dev.kbuildx.driver.kubernetes.NodeState;
import dev.kbuildx.driver.kubernetes.PodAddress;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Lists the builders in the cluster, read from the labels of their workloads, like
 * {@code docker buildx ls}: one row per builder, then one row per running BuildKit pod (or per
 * node without running pods) with its status, its BuildKit version and platforms (declared ones
 * marked {@code *}, then those its BuildKit detected). Pods whose BuildKit does not answer within
 * 20 seconds show the status {@code error}, explained after the table.
 *
 * @since 0.1.0
 */
@Mojo(name = "ls", requiresProject = false, aggregator = true, threadSafe = true)
public class LsMojo extends AbstractKbuildxMojo {

  /**
   * List the builders of every namespace instead of one.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.ALL_NAMESPACES, defaultValue = "false")
  protected boolean allNamespaces;

  /**
   * Show every platform instead of a summary of at most four.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.NO_TRUNC, defaultValue = "false")
  protected boolean noTrunc;

  /**
   * {@code table} (the default) logs buildx's table; {@code json} writes the builders, their nodes
   * and pods as one JSON object to standard output instead, where {@code mvn -q} leaves it alone.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.FORMAT, defaultValue = ScriptOutput.TABLE)
  protected String format;

  @Override
  protected void run() {
    ScriptOutput output = ScriptOutput.of(format);
    try (ClusterAccess access = connect()) {
      KubernetesBuilders builders = new KubernetesBuilders(access, progressLog());
      List<NodeState> nodes = builders.list(allNamespaces ? null : namespace, allNamespaces);
      Map<PodAddress, DaemonStatus> daemons = builders.daemons(nodes);
      output.print(() -> BuilderTable.json(nodes, daemons), () -> BuilderTable.render(nodes, daemons, noTrunc),
          getLog()::info);
      List<String> failures = BuilderTable.failures(nodes, daemons);
      if (!failures.isEmpty()) {
        getLog().warn("");
        failures.forEach(getLog()::warn);
      }
    }
  }
}
