package dev.kbuildx.driver.kubernetes;

import dev.kbuildx.platform.Platform;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code ls} table: one row per builder followed by its node rows, laid out like buildx's
 * (Go tabwriter, minimum cell width 10, padding 3).
 *
 * <p>Unlike buildx, a running node is expanded into one row per usable pod named after the pod,
 * so the rows can be told apart, and each node is expanded on its own even when a sibling is
 * stopped.
 */
public final class BuilderTable {
  private static final String DRIVER = "kubernetes";
  private static final String NODE_PREFIX = " \\_ ";
  private static final List<String> HEADER =
      List.of("NAME/NODE", "DRIVER/ENDPOINT", "STATUS", "BUILDKIT", "PLATFORMS");
  private static final int MIN_WIDTH = 10;
  private static final int PADDING = 3;
  private static final DaemonStatus NOT_ASKED = DaemonStatus.answered("", List.of());

  private BuilderTable() {}

  /** The table without what the daemons report. */
  public static List<String> render(List<NodeState> nodes, boolean noTrunc) {
    return render(nodes, Map.of(), noTrunc);
  }

  /**
   * The table lines, without trailing spaces.
   *
   * @param nodes sorted by builder, namespace and node
   * @param daemons what the BuildKit of each running pod reported; a pod without an entry shows
   *     empty BUILDKIT and only its declared platforms, one whose daemon failed the status {@code error}
   * @param noTrunc whether to list every platform instead of buildx's four-entry summary
   */
  public static List<String> render(
      List<NodeState> nodes, Map<PodAddress, DaemonStatus> daemons, boolean noTrunc) {
    Map<String, List<NodeState>> byBuilder = new LinkedHashMap<>();
    for (NodeState node : nodes) {
      byBuilder.computeIfAbsent(node.builder(), b -> new ArrayList<>()).add(node);
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADER);
    byBuilder.forEach((builder, builderNodes) -> {
      rows.add(List.of(builder, DRIVER, "", "", ""));
      for (NodeState node : builderNodes) {
        addNodeRows(rows, node, daemons, noTrunc);
      }
    });
    return layout(rows);
  }

  /**
   * What buildx prints after the table for each node whose status could not be read, one line per
   * pod whose daemon failed, in table order.
   */
  public static List<String> failures(List<NodeState> nodes, Map<PodAddress, DaemonStatus> daemons) {
    List<String> lines = new ArrayList<>();
    for (NodeState node : nodes) {
      for (PodState pod : node.pods()) {
        DaemonStatus daemon = daemons.get(new PodAddress(node.namespace(), pod.name()));
        if (daemon != null && daemon.isFailed()) {
          lines.add("Failed to get status for " + node.builder() + " (" + pod.name() + "): " + daemon.error());
        }
      }
    }
    return lines;
  }

  /** Our endpoint form, {@code kubernetes:///<builder>?deployment=<object>&namespace=<namespace>}. */
  public static String endpoint(NodeState node) {
    return "kubernetes:///" + node.builder()
        + "?deployment=" + URLEncoder.encode(node.objectName(), StandardCharsets.UTF_8)
        + "&namespace=" + URLEncoder.encode(node.namespace(), StandardCharsets.UTF_8);
  }

  private static void addNodeRows(
      List<List<String>> rows, NodeState node, Map<PodAddress, DaemonStatus> daemons, boolean noTrunc) {
    String endpoint = NODE_PREFIX + endpoint(node);
    String status = node.status();
    if (!status.equals("running")) {
      rows.add(List.of(NODE_PREFIX + node.node(), endpoint, status, "", platforms(node, List.of(), noTrunc)));
      return;
    }
    for (PodState pod : node.pods()) {
      if (pod.usable()) {
        DaemonStatus daemon = daemons.getOrDefault(new PodAddress(node.namespace(), pod.name()), NOT_ASKED);
        rows.add(List.of(NODE_PREFIX + pod.name(), endpoint, daemon.isFailed() ? "error" : status,
            daemon.version(), platforms(node, daemon.workerPlatforms(), noTrunc)));
      }
    }
  }

  private static String platforms(NodeState node, List<Platform> detected, boolean noTrunc) {
    return PlatformSummary.format(PlatformSummary.entries(node.platforms(), detected), !noTrunc);
  }

  /** Go tabwriter's layout: every cell but the last is padded to its column's width. */
  private static List<String> layout(List<List<String>> rows) {
    int columns = HEADER.size();
    int[] widths = new int[columns - 1];
    for (int column = 0; column < widths.length; column++) {
      widths[column] = MIN_WIDTH;
      for (List<String> row : rows) {
        widths[column] = Math.max(widths[column], width(row.get(column)) + PADDING);
      }
    }
    List<String> lines = new ArrayList<>();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int column = 0; column < widths.length; column++) {
        String cell = row.get(column);
        line.append(cell).append(" ".repeat(widths[column] - width(cell)));
      }
      line.append(row.get(columns - 1));
      lines.add(line.toString().stripTrailing());
    }
    return lines;
  }

  /** Width in characters as tabwriter counts them (code points, not UTF-16 units). */
  private static int width(String cell) {
    return cell.codePointCount(0, cell.length());
  }
}
