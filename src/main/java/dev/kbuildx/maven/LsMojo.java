package dev.kbuildx.maven;

import dev.kbuildx.builder.BuilderTable;
import dev.kbuildx.driver.kubernetes.ClusterAccess;
import dev.kbuildx.driver.kubernetes.KubernetesBuilders;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Lists the builders in the cluster, read from the labels of their workloads, like
 * {@code docker buildx ls}: one row per builder, then one row per running BuildKit pod (or per
 * node without running pods) with its status and platforms.
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

  @Override
  protected void run() {
    try (ClusterAccess access = connect()) {
      KubernetesBuilders builders = new KubernetesBuilders(access, progressLog());
      BuilderTable.render(builders.list(allNamespaces ? null : namespace, allNamespaces), noTrunc)
          .forEach(getLog()::info);
    }
  }
}
