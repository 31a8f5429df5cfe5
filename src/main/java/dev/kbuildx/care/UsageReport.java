package dev.kbuildx.care;

import dev.kbuildx.buildkit.UsageInfo;
import dev.kbuildx.options.ByteSize;
import dev.kbuildx.options.HumanDuration;
import dev.kbuildx.progress.ScriptJson;
import dev.kbuildx.progress.TextTable;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The build-cache records of a builder's nodes as {@code du} and {@code prune} print them: buildx's
 * table or its verbose listing per node, the totals over all nodes, or JSON for scripts.
 */
public final class UsageReport {
  private static final List<String> HEADER = List.of("ID", "RECLAIMABLE", "SIZE", "LAST ACCESSED");
  private static final DateTimeFormatter GO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
      .withZone(ZoneOffset.UTC);

  private final List<NodeUsage> nodes;
  private final Instant now;

  /** @param now what "last accessed" is measured from */
  public UsageReport(List<NodeUsage> nodes, Instant now) {
    this.nodes = List.copyOf(nodes);
    this.now = now;
  }

  /** Whether a node's daemon could not be asked. */
  public boolean anyFailed() {
    return nodes.stream().anyMatch(node -> node.error() != null);
  }

  /** The nodes whose daemon could not be asked and why, such as {@code node kube0 (the node does not run)}. */
  public String failures() {
    return nodes.stream().filter(node -> node.error() != null)
        .map(node -> "node " + node.name() + " (" + node.error() + ")")
        .collect(Collectors.joining(", "));
  }

  /** Bytes of every node's records. */
  public long total() {
    return nodes.stream().mapToLong(NodeUsage::total).sum();
  }

  /**
   * {@code du}: per node a table of its records (or, verbose, every field of each), then its totals;
   * with more than one node, the totals over all of them.
   */
  public List<String> usageLines(boolean verbose) {
    List<String> lines = new ArrayList<>();
    for (NodeUsage node : nodes) {
      lines.add("Node " + node.name() + ":");
      if (node.error() != null) {
        lines.add("Error: " + node.error());
      } else {
        lines.addAll(verbose ? verbose(node.records()) : table(node.records()));
        if (node.shared() > 0) {
          lines.add("Shared:       " + ByteSize.human(node.shared()));
          lines.add("Private:      " + ByteSize.human(node.total() - node.shared()));
        }
        lines.add("Reclaimable:  " + ByteSize.human(node.reclaimable()));
        lines.add("Total:        " + ByteSize.human(node.total()));
      }
      lines.add("");
    }
    if (nodes.size() > 1) {
      lines.add("All nodes:");
      lines.add("Reclaimable:  " + ByteSize.human(nodes.stream().mapToLong(NodeUsage::reclaimable).sum()));
      lines.add("Total:        " + ByteSize.human(total()));
    } else if (!lines.isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }

  /** {@code prune}: per node what it deleted (verbose: each record) and how much that freed, then the total. */
  public List<String> pruneLines(boolean verbose) {
    List<String> lines = new ArrayList<>();
    for (NodeUsage node : nodes) {
      if (node.error() != null) {
        lines.add("Node " + node.name() + ": not pruned: " + node.error());
        continue;
      }
      lines.add("Node " + node.name() + ": deleted " + node.records().size() + " records, freed "
          + ByteSize.human(node.total()));
      if (verbose && !node.records().isEmpty()) {
        lines.addAll(table(node.records()));
      }
    }
    lines.add("Total freed: " + ByteSize.human(total()));
    return lines;
  }

  /** One JSON object: {@code nodes} with their {@code records} and totals, then the totals of all nodes. */
  public String json() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("nodes", nodes.stream().map(this::nodeJson).toList());
    json.put("reclaimable", nodes.stream().mapToLong(NodeUsage::reclaimable).sum());
    json.put("total", total());
    return ScriptJson.write(json);
  }

  private List<String> table(List<UsageInfo> records) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADER);
    for (UsageInfo record : records) {
      rows.add(List.of(record.id() + (record.mutable() ? "*" : ""), Boolean.toString(record.reclaimable()),
          ByteSize.human(record.size()), lastAccessed(record)));
    }
    return TextTable.layout(rows);
  }

  private List<String> verbose(List<UsageInfo> records) {
    List<String> lines = new ArrayList<>();
    for (UsageInfo record : records) {
      field(lines, "ID", record.id());
      if (!record.parents().isEmpty()) {
        field(lines, "Parents", String.join(", ", record.parents()));
      }
      if (record.createdAt() != null) {
        field(lines, "Created at", goTime(record.createdAt()));
      }
      field(lines, "Mutable", Boolean.toString(record.mutable()));
      field(lines, "Reclaimable", Boolean.toString(record.reclaimable()));
      field(lines, "Shared", Boolean.toString(record.shared()));
      field(lines, "Size", ByteSize.human(record.size()));
      if (!record.description().isEmpty()) {
        field(lines, "Description", record.description());
      }
      field(lines, "Usage count", Long.toString(record.usageCount()));
      if (record.lastUsed() != null) {
        field(lines, "Last used", lastAccessed(record));
      }
      if (!record.type().isEmpty()) {
        field(lines, "Type", record.type());
      }
      lines.add("");
    }
    return lines;
  }

  private static void field(List<String> lines, String name, String value) {
    lines.add(String.format("%-14s%s", name + ":", value));
  }

  private String lastAccessed(UsageInfo record) {
    if (record.lastUsed() == null) {
      return "";
    }
    Duration since = Duration.between(record.lastUsed(), now);
    return HumanDuration.of(since.isNegative() ? Duration.ZERO : since) + " ago";
  }

  /** Go's {@code time.Time.String()} in UTC: {@code 2026-12-03 21:37:08.987684272 +0000 UTC}. */
  static String goTime(Instant instant) {
    String fraction = instant.getNano() == 0 ? ""
        : ("." + String.format("%09d", instant.getNano())).replaceAll("0+$", "");
    return GO_TIME.format(instant) + fraction + " +0000 UTC";
  }

  private Map<String, Object> nodeJson(NodeUsage node) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", node.name());
    json.put("error", node.error());
    json.put("records", node.records().stream().map(UsageReport::recordJson).toList());
    json.put("shared", node.shared());
    json.put("reclaimable", node.reclaimable());
    json.put("total", node.total());
    return json;
  }

  private static Map<String, Object> recordJson(UsageInfo record) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", record.id());
    json.put("parents", record.parents());
    json.put("createdAt", record.createdAt() == null ? null : record.createdAt().toString());
    json.put("lastUsedAt", record.lastUsed() == null ? null : record.lastUsed().toString());
    json.put("usageCount", record.usageCount());
    json.put("size", record.size());
    json.put("description", record.description());
    json.put("type", record.type());
    json.put("mutable", record.mutable());
    json.put("shared", record.shared());
    json.put("inUse", record.inUse());
    json.put("reclaimable", record.reclaimable());
    return json;
  }
}
