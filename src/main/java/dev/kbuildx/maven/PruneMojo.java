package dev.kbuildx.maven;

import dev.kbuildx.KbuildxException;
import dev.kbuildx.buildkit.PruneSpec;
import dev.kbuildx.care.BuilderCare;
import dev.kbuildx.care.PruneSettings;
import dev.kbuildx.care.UsageReport;
import dev.kbuildx.driver.BuilderNodes;
import dev.kbuildx.driver.choice.DaemonChoice;
import java.time.Instant;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Deletes build cache on every node of a builder, like {@code docker buildx prune --force}, and
 * prints what each node freed and the total (as JSON, the deleted records of each node). Without settings it deletes what no build references
 * (dangling records); {@code all}, the keep duration, the space limits and filters choose as
 * buildx's flags do. Every value is checked before any node is touched. The builder is chosen as
 * {@code kbuildx:build} chooses it; a node that does not run is reported, not started, and fails
 * the goal after the others were pruned.
 *
 * @since 0.1.0
 */
@Mojo(name = "prune", requiresProject = false, aggregator = true, threadSafe = true)
public class PruneMojo extends AbstractCareMojo {

  /**
   * Also delete what builds still reference, such as internal and frontend images, like buildx's
   * {@code --all}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.ALL, defaultValue = "false")
  protected boolean all;

  /**
   * Keep the records used within this time, a Go duration such as {@code 24h} or {@code 90m}, as
   * buildx's {@code --filter until=24h} and buildctl's {@code --keep-duration}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.KEEP_DURATION)
  protected String keepDuration;

  /**
   * Cache that is always kept, a size such as {@code 10g} or {@code 512mb} (powers of 1024), as
   * buildx's {@code --reserved-space} (its older {@code --keep-storage}).
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.RESERVED_SPACE)
  protected String reservedSpace;

  /**
   * The most cache that may stay, a size such as {@code 20g}, as buildx's {@code --max-used-space}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.MAX_USED_SPACE)
  protected String maxUsedSpace;

  /**
   * Disk space that must be free afterwards, a size such as {@code 5g}, as buildx's
   * {@code --min-free-space}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.MIN_FREE_SPACE)
  protected String minFreeSpace;

  /**
   * Delete only the records that match every filter, in buildx's {@code --filter} form:
   * {@code key=value}, {@code key!=value} or {@code key~=regular-expression}, such as
   * {@code type=regular}, {@code id=<record>} or {@code description~=COPY}; {@code until=24h} is
   * the keep duration. {@code -Dkbuildx.filters=type=regular,description~=COPY} gives several.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.FILTERS)
  protected List<String> filters;

  /**
   * List each deleted record per node, not only how much each node freed.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.VERBOSE, defaultValue = "false")
  protected boolean verbose;

  @Override
  protected void run() {
    ScriptOutput output = ScriptOutput.of(format);
    PruneSpec spec = PruneSettings.parse(all, keepDuration, reservedSpace, maxUsedSpace, minFreeSpace,
        filters == null ? List.of() : filters);
    DaemonChoice choice = daemonChoice();
    UsageReport report;
    try (BuilderNodes nodes = builderNodes(choice, false)) {
      report = new UsageReport(new BuilderCare(nodes).prune(spec), Instant.now());
    }
    output.print(report::json, () -> report.pruneLines(verbose), getLog()::info);
    if (report.anyFailed()) {
      throw new KbuildxException("Could not prune the build cache of " + report.failures()
          + "; the other nodes are shown above");
    }
  }
}
