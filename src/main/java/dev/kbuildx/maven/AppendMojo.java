package dev.kbuildx.maven;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.SettingKey;
import dev.kbuildx.driver.kubernetes.BuilderSpec;
import dev.kbuildx.driver.kubernetes.ClusterAccess;
import dev.kbuildx.driver.kubernetes.KubernetesBuilders;
import dev.kbuildx.driver.kubernetes.NodeSpec;
import dev.kbuildx.driver.kubernetes.NodeState;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Adds a node to an existing builder, for example an arm64 node beside an amd64 one. The new
 * node takes its platforms away from the builder's other nodes, since a platform belongs to one
 * node. Appending a node that exists updates it.
 *
 * @since 0.1.0
 */
@Mojo(name = "append", requiresProject = false, aggregator = true, threadSafe = true)
public class AppendMojo extends AbstractNodesMojo {

  @Override
  protected void run() throws MojoExecutionException {
    BuilderDeclaration declaration = declaration();
    if (dryRun) {
      if (node == null || node.isBlank()) {
        throw InvalidSettingException.setting(SettingKey.NODE.key(), "",
            "a dry run of append does not read the cluster, so name the node to append");
      }
      NodeSpec added = declaration.toAppend(Set.of());
      printYaml(KubernetesBuilders.dryRun(new BuilderSpec(declaration.builderName(), List.of(added)), dryRunNamespace()));
      return;
    }
    try (ClusterAccess access = connect()) {
      KubernetesBuilders builders = new KubernetesBuilders(access, progressLog());
      List<NodeState> existing = builders.existingNodes(declaration.builderName(), namespace);
      NodeSpec added = declaration.toAppend(existing.stream().map(NodeState::node).collect(Collectors.toSet()));
      builders.append(declaration.builderName(), existing, added, namespace, bootstrap);
    }
  }
}
