package dev.kbuildx.maven;

import dev.kbuildx.driver.kubernetes.BuilderNames;
import dev.kbuildx.driver.kubernetes.ClusterAccess;
import dev.kbuildx.driver.kubernetes.KubernetesBuilders;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Removes a builder, or one node of it: its Deployments or StatefulSets and ConfigMaps.
 * PersistentVolumeClaims holding BuildKit's cache are kept unless
 * {@code -Dkbuildx.removeVolumes}.
 *
 * @since 0.1.0
 */
@Mojo(name = "rm", requiresProject = false, aggregator = true, threadSafe = true)
public class RmMojo extends AbstractBuilderMojo {

  /**
   * Remove only this node of the builder.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.NODE)
  protected String node;

  /**
   * Also delete the PersistentVolumeClaims of persistent nodes, and with them the build cache.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.REMOVE_VOLUMES, defaultValue = "false")
  protected boolean removeVolumes;

  @Override
  protected void run() {
    String builderName = BuilderNames.builder(builderName());
    String nodeName = node == null || node.isBlank() ? null : BuilderNames.node(node.trim());
    try (ClusterAccess access = connect()) {
      new KubernetesBuilders(access, progressLog()).remove(builderName, nodeName, namespace, removeVolumes);
    }
  }
}
