package dev.kbuildx.care;

import dev.kbuildx.KbuildxException;
import dev.kbuildx.buildkit.ControlClient;
import dev.kbuildx.buildkit.DaemonInfo;
import dev.kbuildx.buildkit.PruneSpec;
import dev.kbuildx.buildkit.UsageInfo;
import dev.kbuildx.buildkit.WorkerInfo;
import dev.kbuildx.driver.BuilderNodes;
import dev.kbuildx.driver.ConnectedDaemon;
import dev.kbuildx.driver.Driver;
import dev.kbuildx.driver.DriverStatus;
import java.util.List;
import java.util.function.Function;

/**
 * What {@code inspect}, {@code du} and {@code prune} do on every node of a builder, whatever its
 * driver: each node's daemon is dialled as a build dials it. A node that does not run is not
 * started; a node that fails is reported with its error, so one broken node does not hide the others.
 */
public final class BuilderCare {
  private final BuilderNodes nodes;

  public BuilderCare(BuilderNodes nodes) {
    this.nodes = nodes;
  }

  /** Each node's driver settings, status, BuildKit version and workers. */
  public List<NodeInspection> inspect() {
    return nodes.nodes().stream().map(this::inspect).toList();
  }

  /** Each node's build-cache records that match every filter, BuildKit expressions such as {@code type==regular}. */
  public List<NodeUsage> diskUsage(List<String> filters) {
    return nodes.nodes().stream().map(node -> usage(node, control -> control.diskUsage(filters))).toList();
  }

  /** Prunes the build cache of each node, and returns what each deleted. */
  public List<NodeUsage> prune(PruneSpec spec) {
    return nodes.nodes().stream().map(node -> usage(node, control -> control.prune(spec))).toList();
  }

  private NodeInspection inspect(Driver node) {
    DriverStatus status = node.info();
    NodeInspection undialled = new NodeInspection(node.name(), status, node.describe(), node.platforms(), "",
        List.of(), null);
    if (status.needsBootstrap()) {
      return undialled;
    }
    try (ConnectedDaemon daemon = node.dial(nodes.connectTimeout())) {
      ControlClient control = new ControlClient(daemon.channel());
      DaemonInfo info = control.info();
      List<WorkerInfo> workers = control.listWorkers();
      String version = DaemonInfo.UNKNOWN.equals(info.version()) ? "" : info.version();
      return new NodeInspection(node.name(), status, undialled.description(), node.platforms(), version, workers, null);
    } catch (KbuildxException e) {
      return new NodeInspection(node.name(), status, undialled.description(), node.platforms(), "", List.of(),
          e.getMessage());
    }
  }

  private NodeUsage usage(Driver node, Function<ControlClient, List<UsageInfo>> call) {
    if (node.info().needsBootstrap()) {
      return new NodeUsage(node.name(), List.of(), "the node does not run; start it with kbuildx:create");
    }
    try (ConnectedDaemon daemon = node.dial(nodes.connectTimeout())) {
      return new NodeUsage(node.name(), call.apply(new ControlClient(daemon.channel())), null);
    } catch (KbuildxException e) {
      return new NodeUsage(node.name(), List.of(), e.getMessage());
    }
  }
}
