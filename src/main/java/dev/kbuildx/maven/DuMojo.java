package dev.kbuildx.maven;

import dev.kbuildx.KbuildxException;
import dev.kbuildx.care.BuilderCare;
import dev.kbuildx.care.CacheFilters;
import dev.kbuildx.care.UsageReport;
import dev.kbuildx.driver.BuilderNodes;
import dev.kbuildx.driver.choice.DaemonChoice;
import java.time.Instant;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Shows the build cache of every node of a builder, like {@code docker buildx du}: a table of its
 * records (a {@code *} after the ID marks one a build may still write), then what a prune could
 * reclaim and the total, per node and over all nodes. The builder is chosen as
 * {@code kbuildx:build} chooses it; a node that does not run is reported, not started, and fails
 * the goal, as does a node whose daemon does not answer.
 *
 * @since 0.1.0
 */
@Mojo(name = "du", requiresProject = false, aggregator = true, threadSafe = true)
public class DuMojo extends AbstractCareMojo {

  /**
   * Every field of each cache record (ID, parents, created, last used, usage count, size,
   * description, type, shared, reclaimable) instead of the table, like {@code buildx du --verbose}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.VERBOSE, defaultValue = "false")
  protected boolean verbose;

  /**
   * Only the records that match every filter, in buildx's {@code --filter} form: {@code key=value},
   * {@code key!=value} or {@code key~=regular-expression}, such as {@code type=regular} or
   * {@code description~=COPY}. {@code -Dkbuildx.filters=type=regular,description~=COPY} gives several.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.FILTERS)
  protected List<String> filters;

  @Override
  protected void run() {
    ScriptOutput output = ScriptOutput.of(format);
    CacheFilters parsed = CacheFilters.parse(filters == null ? List.of() : filters);
    DaemonChoice choice = daemonChoice();
    UsageReport report;
    try (BuilderNodes nodes = builderNodes(choice, false)) {
      report = new UsageReport(new BuilderCare(nodes).diskUsage(parsed.expressions()), Instant.now());
    }
    output.print(report::json, () -> report.usageLines(verbose), getLog()::info);
    if (report.anyFailed()) {
      throw new KbuildxException("Could not read the build cache of " + report.failures()
          + "; the other nodes are shown above");
    }
  }
}
