package dev.kbuildx.builder;

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

  private BuilderTable() {}

  /** The table without BuildKit versions. */
  public static List<String> render(List<NodeState> nodes, boolean noTrunc) {
    return render(nodes, Map.of(), noTrunc);
  }

  /**
   * The table lines, without trailing spaces.
   *
   * @param nodes sorted by builder, namespace and node
   * @param versionsByPod BuildKit version per pod name; pods without an entry show an empty cell
   * @param noTrunc whether to list every platform instead of buildx's four-entry summary
   */
  public static List<String> render(
      List<NodeState> nodes, Map<String, String> versionsByPod, boolean noTrunc) {
    Map<String, List<NodeState>> byBuilder = new LinkedHashMap<>();
    for (NodeState node : nodes) {
      byBuilder.computeIfAbsent(node.builder(), b -> new ArrayList<>()).add(node);
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADER);
    byBuilder.forEach((builder, builderNodes) -> {
      rows.add(List.of(builder, DRIVER, "", "", ""));
      for (NodeState node : builderNodes) {
        addNodeRows(rows, node, versionsByPod, noTrunc);
      }
    });
    return layout(rows);
  }

  /** Our endpoint form, {@code kubernetes:///<builder>?deployment=<object>&namespace=<namespace>}. */
  public static String endpoint(NodeState node) {
    return "kubernetes:///" + node.builder()
        + "?deployment=" + URLEncoder.encode(node.objectName(), StandardCharsets.UTF_8)
        + "&namespace=" + URLEncoder.encode(node.namespace(), StandardCharsets.UTF_8);
  }

  private static void addNodeRows(
      List<List<String>> rows, NodeState node, Map<String, String> versionsByPod, boolean noTrunc) {
    String endpoint = NODE_PREFIX + endpoint(node);
    String platforms = PlatformSummary.format(
        node.platforms().stream().map(p -> p + "*").toList(), !noTrunc);
    String status = node.status();
    if (!status.equals("running")) {
      rows.add(List.of(NODE_PREFIX + node.node(), endpoint, status, "", platforms));
      return;
    }
    for (PodState pod : node.pods()) {
      if (pod.usable()) {
        rows.add(List.of(NODE_PREFIX + pod.name(), endpoint, status,
            versionsByPod.getOrDefault(pod.name(), ""), platforms));
      }
    }
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
