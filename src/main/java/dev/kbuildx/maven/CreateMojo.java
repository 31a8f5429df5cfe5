package dev.kbuildx.maven;

import dev.kbuildx.driver.kubernetes.BuilderSpec;
import dev.kbuildx.driver.kubernetes.ClusterAccess;
import dev.kbuildx.driver.kubernetes.KubernetesBuilders;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Creates a BuildKit builder on Kubernetes, or brings an existing one in line with its
 * declaration: the Deployments (or StatefulSets) and ConfigMaps of every node are applied and,
 * unless {@code -Dkbuildx.bootstrap=false}, the goal waits until their pods are ready. Changed
 * settings update the workloads and the goal logs what changed. Running it again with the same
 * settings changes nothing, so concurrent modules may run it safely.
 *
 * @since 0.1.0
 */
@Mojo(name = "create", requiresProject = false, aggregator = true, threadSafe = true)
public class CreateMojo extends AbstractNodesMojo {

  @Override
  protected void run() throws MojoExecutionException {
    BuilderSpec spec = declaration().toCreate();
    if (dryRun) {
      printYaml(KubernetesBuilders.dryRun(spec, dryRunNamespace()));
      return;
    }
    try (ClusterAccess access = connect()) {
      new KubernetesBuilders(access, progressLog()).create(spec, namespace, bootstrap);
    }
  }
}
