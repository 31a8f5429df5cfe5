package dev.kbuildx.care;

import dev.kbuildx.buildkit.WorkerInfo;
import dev.kbuildx.driver.DriverDescription;
import dev.kbuildx.driver.kubernetes.PlatformSummary;
import dev.kbuildx.platform.Platform;
import dev.kbuildx.progress.ScriptJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** What {@code inspect} prints: buildx's layout for people, or JSON with stable field names for scripts. */
public final class InspectReport {
  private final String builder;
  private final List<NodeInspection> nodes;

  /** @param builder the builder's name as the user knows it */
  public InspectReport(String builder, List<NodeInspection> nodes) {
    this.builder = builder;
    this.nodes = List.copyOf(nodes);
  }

  /** The lines buildx prints, plus the pods of Kubernetes nodes and the config files kbuildx mounted. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    lines.add("Name:          " + builder);
    lines.add("Driver:        " + driver());
    lines.add("");
    lines.add("Nodes:");
    for (int i = 0; i < nodes.size(); i++) {
      if (i > 0) {
        lines.add("");
      }
      nodeLines(nodes.get(i), lines);
    }
    return lines;
  }

  /** One JSON object: {@code name}, {@code driver} and {@code nodes}; see the site's JSON page for every field. */
  public String json() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", builder);
    json.put("driver", driver());
    json.put("nodes", nodes.stream().map(InspectReport::nodeJson).toList());
    return ScriptJson.write(json);
  }

  /** The nodes' driver, or their drivers comma-separated when a declared builder mixes them. */
  private String driver() {
    return nodes.stream().map(node -> node.description().driver()).distinct().collect(Collectors.joining(", "));
  }

  private static void nodeLines(NodeInspection node, List<String> lines) {
    DriverDescription description = node.description();
    field(lines, "Name", node.name());
    field(lines, "Endpoint", description.endpoint());
    if (!description.driverOptions().isEmpty()) {
      field(lines, "Driver Options", new TreeMap<>(description.driverOptions()).entrySet().stream()
          .map(option -> option.getKey() + "=\"" + option.getValue() + "\"").collect(Collectors.joining(" ")));
    }
    field(lines, "Status", node.error() != null ? "error" : status(node));
    if (node.error() != null) {
      field(lines, "Error", node.error());
    }
    if (!description.buildkitdFlags().isEmpty()) {
      field(lines, "BuildKit daemon flags", String.join(" ", description.buildkitdFlags()));
    }
    if (!description.configFiles().isEmpty()) {
      field(lines, "BuildKit config", String.join(", ", description.configFiles()));
    }
    if (!node.version().isEmpty()) {
      field(lines, "BuildKit version", node.version());
    }
    List<String> platforms = PlatformSummary.entries(node.declaredPlatforms(), node.detectedPlatforms());
    if (!platforms.isEmpty()) {
      field(lines, "Platforms", String.join(", ", platforms));
    }
    if (!description.pods().isEmpty()) {
      field(lines, "Pods", description.pods().stream()
          .map(pod -> pod.name() + " (" + pod.status() + (pod.ready() ? ", ready" : "") + ")")
          .collect(Collectors.joining(", ")));
    }
    Map<String, String> labels = labels(node);
    if (!labels.isEmpty()) {
      lines.add("Labels:");
      int width = labels.keySet().stream().mapToInt(String::length).max().orElse(0) + 2;
      labels.forEach((key, value) -> lines.add(" " + key + ":" + " ".repeat(width - key.length() - 1) + value));
    }
  }

  private static void field(List<String> lines, String name, String value) {
    lines.add(String.format("%-23s%s", name + ":", value));
  }

  /** buildx's status words: {@code running}, {@code stopped}, {@code inactive}; an external daemon that answered runs. */
  private static String status(NodeInspection node) {
    return switch (node.status()) {
      case RUNNING, EXTERNAL -> "running";
      case STOPPED -> "stopped";
      case INACTIVE -> "inactive";
    };
  }

  /** The labels of the first worker, as buildx shows them: a daemon runs one worker in practice. */
  private static Map<String, String> labels(NodeInspection node) {
    return node.workers().isEmpty() ? Map.of() : new TreeMap<>(node.workers().get(0).labels());
  }

  private static Map<String, Object> nodeJson(NodeInspection node) {
    DriverDescription description = node.description();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", node.name());
    json.put("driver", description.driver());
    json.put("endpoint", description.endpoint());
    json.put("status", node.error() != null ? "error" : status(node));
    json.put("error", node.error());
    json.put("driverOptions", new TreeMap<>(description.driverOptions()));
    json.put("buildkitdFlags", description.buildkitdFlags());
    json.put("configFiles", description.configFiles());
    json.put("buildkitVersion", node.version().isEmpty() ? null : node.version());
    json.put("declaredPlatforms", strings(node.declaredPlatforms()));
    json.put("platforms", strings(node.detectedPlatforms()));
    json.put("pods", description.pods().stream().map(pod -> {
      Map<String, Object> podJson = new LinkedHashMap<>();
      podJson.put("name", pod.name());
      podJson.put("status", pod.status());
      podJson.put("ready", pod.ready());
      return podJson;
    }).toList());
    json.put("workers", node.workers().stream().map(InspectReport::workerJson).toList());
    return json;
  }

  private static Map<String, Object> workerJson(WorkerInfo worker) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", worker.id());
    json.put("platforms", strings(worker.platforms()));
    json.put("labels", new TreeMap<>(worker.labels()));
    return json;
  }

  private static List<String> strings(List<Platform> platforms) {
    return platforms.stream().map(Platform::toString).toList();
  }
}
