package dev.kbuildx.maven;

import dev.kbuildx.care.BuilderCare;
import dev.kbuildx.care.InspectReport;
import dev.kbuildx.driver.BuilderNodes;
import dev.kbuildx.driver.choice.DaemonChoice;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Shows a builder like {@code docker buildx inspect}: its driver, then each node with its endpoint,
 * driver options, status, buildkitd flags and config files, BuildKit version, platforms (declared
 * ones marked {@code *}, then those its BuildKit detected), worker labels and, on Kubernetes, its
 * pods. The builder is chosen as {@code kbuildx:build} chooses it: {@code -Dkbuildx.endpoint}, the
 * declared {@code <nodes>}, {@code -Dkbuildx.builder}, else the local Docker Engine. A node whose
 * daemon does not answer shows the status {@code error} and why.
 *
 * @since 0.1.0
 */
@Mojo(name = "inspect", requiresProject = false, aggregator = true, threadSafe = true)
public class InspectMojo extends AbstractCareMojo {

  /**
   * Start the declared builder first when it is missing or not ready, as {@code kbuildx:create}
   * would, and wait for it, like buildx's {@code inspect --bootstrap}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.BOOTSTRAP, defaultValue = "false")
  protected boolean bootstrap;

  @Override
  protected void run() {
    ScriptOutput output = ScriptOutput.of(format);
    DaemonChoice choice = daemonChoice();
    try (BuilderNodes nodes = builderNodes(choice, bootstrap)) {
      InspectReport report = new InspectReport(displayName(choice), new BuilderCare(nodes).inspect());
      output.print(report::json, report::lines, getLog()::info);
    }
  }
}
