package dev.kbuildx.maven;

import dev.kbuildx.driver.kubernetes.ClusterAccess;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;

/** The node settings shared by {@code create} and {@code append}. */
abstract class AbstractNodesMojo extends AbstractDeclarationMojo {

  /**
   * Node to create or append. With {@code <nodes>} it selects one of them; otherwise it names the
   * command-line node (default: builder name and the first free index, such as {@code kube0}).
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.NODE)
  protected String node;

  /**
   * Comma-separated platforms of the command-line node, or of the single selected node, such as
   * {@code linux/amd64,linux/arm64}. {@code local} means the platform of this machine. It is not
   * called {@code platforms} because that is what {@code kbuildx:build} builds for: one POM or
   * command line may configure both goals.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.NODE_PLATFORMS)
  protected String nodePlatforms;

  /**
   * Wait until every pod is ready, up to each node's {@code timeout} driver option. With
   * {@code false} the objects are applied and the goal returns at once.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.BOOTSTRAP, defaultValue = "true")
  protected boolean bootstrap;

  /**
   * Print the YAML of every object that would be applied to standard output and change nothing;
   * no cluster is needed. {@code mvn -q kbuildx:create -Dkbuildx.dryRun > builder.yaml} keeps
   * only the YAML; on some Maven versions {@code dryRunOutput} is cleaner, as the console
   * may add colour codes.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.DRY_RUN, defaultValue = "false")
  protected boolean dryRun;

  /**
   * With {@code dryRun}, write the YAML to this file instead of standard output.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.DRY_RUN_OUTPUT)
  protected File dryRunOutput;

  protected BuilderDeclaration declaration() {
    return new BuilderDeclaration(builderName(), nodes, node, nodePlatforms, driverOpts, driverProperties(), buildkitdFlags,
        buildkitdConfig,
        expressions());
  }

  /** The namespace a dry run renders into: the configured one, else the kube context's, read without the cluster. */
  protected String dryRunNamespace() {
    return namespace != null ? namespace : ClusterAccess.namespaceWithoutCluster(kubeconfigPath(), kubeContext);
  }

  /** Writes dry-run YAML to {@link #dryRunOutput}, or where {@code mvn -q ... > file} can capture it. */
  protected void printYaml(String yaml) throws MojoExecutionException {
    if (dryRunOutput == null) {
      System.out.print(yaml);
      System.out.flush();
      return;
    }
    try {
      Path parent = dryRunOutput.toPath().toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Files.writeString(dryRunOutput.toPath(), yaml, StandardCharsets.UTF_8);
      getLog().info("Wrote the objects that would be applied to " + dryRunOutput);
    } catch (IOException e) {
      throw new MojoExecutionException("Cannot write " + dryRunOutput + ": " + e.getMessage(), e);
    }
  }
}
