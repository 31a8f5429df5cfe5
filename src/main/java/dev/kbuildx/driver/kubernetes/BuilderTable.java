package dev.kbuildx.driver.kubernetes;

import dev.kbuildx.platform.Platform;
import dev.kbuildx.progress.ScriptJson;
import dev.kbuildx.progress.TextTable;
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
    return TextTable.layout(rows);
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

  /**
   * The same as JSON for scripts: {@code builders}, each with its {@code nodes}, each with its
   * {@code pods} and what their daemons reported.
   */
  public static String json(List<NodeState> nodes, Map<PodAddress, DaemonStatus> daemons) {
    Map<String, List<Object>> byBuilder = new LinkedHashMap<>();
    for (NodeState node : nodes) {
      byBuilder.computeIfAbsent(node.builder(), b -> new ArrayList<>()).add(nodeJson(node, daemons));
    }
    List<Object> builders = new ArrayList<>();
    byBuilder.forEach((builder, builderNodes) -> {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("name", builder);
      json.put("driver", DRIVER);
      json.put("nodes", builderNodes);
      builders.add(json);
    });
    return ScriptJson.write(Map.of("builders", builders));
  }

  private static Map<String, Object> nodeJson(NodeState node, Map<PodAddress, DaemonStatus> daemons) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", node.node());
    json.put("namespace", node.namespace());
    json.put("endpoint", endpoint(node));
    json.put("status", node.status());
    json.put("declaredPlatforms", node.platforms().stream().map(Platform::toString).toList());
    List<Object> pods = new ArrayList<>();
    for (PodState pod : node.pods()) {
      DaemonStatus daemon = daemons.get(new PodAddress(node.namespace(), pod.name()));
      Map<String, Object> podJson = new LinkedHashMap<>();
      podJson.put("name", pod.name());
      podJson.put("status", daemon != null && daemon.isFailed() ? "error" : pod.usable() ? "running" : "stopped");
      podJson.put("error", daemon == null ? null : daemon.error());
      podJson.put("buildkitVersion", daemon == null || daemon.version().isEmpty() ? null : daemon.version());
      podJson.put("platforms", daemon == null ? List.of()
          : daemon.workerPlatforms().stream().map(Platform::toString).toList());
      pods.add(podJson);
    }
    json.put("pods", pods);
    return json;
  }

  /** Our endpoint form, {@code kubernetes:///<builder>?deployment=<object>&namespace=<namespace>}. */
  public static String endpoint(NodeState node) {
    return endpoint(node.builder(), node.objectName(), node.namespace());
  }

  /** The endpoint of a node by its builder, workload name and namespace, whether it exists or not. */
  static String endpoint(String builder, String objectName, String namespace) {
    return "kubernetes:///" + builder
        + "?deployment=" + URLEncoder.encode(objectName, StandardCharsets.UTF_8)
        + "&namespace=" + URLEncoder.encode(namespace, StandardCharsets.UTF_8);
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
}
