package dev.kbuildx.driver.kubernetes;

import dev.kbuildx.buildkit.BuildkitdConfig;
import dev.kbuildx.platform.Platform;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Rendered nodes for tests, built the way the create goal builds them. */
final class KubeFixtures {
  static final String NAMESPACE = "ci";

  private KubeFixtures() {}

  static RenderedNode node(String builder, String node, Map<String, String> options, String platforms) {
    return node(builder, node, options, platforms, Map.of());
  }

  static RenderedNode node(
      String builder, String node, Map<String, String> options, String platforms, Map<String, String> files) {
    return node(builder, node, options, platforms, files, NAMESPACE);
  }

  static RenderedNode node(String builder, String node, Map<String, String> options, String platforms,
      Map<String, String> files, String namespace) {
    KubernetesOptions parsed = new KubernetesOptionsBuilder().setAll(new TreeMap<>(options)).build();
    SortedMap<String, String> sortedFiles = new TreeMap<>(files);
    BuildkitdConfig config = files.isEmpty() ? BuildkitdConfig.NONE : new BuildkitdConfig(sortedFiles, false);
    NodeSpec spec = new NodeSpec(node, Platform.parseList(platforms, "platforms"), parsed,
        List.of("--allow-insecure-entitlement=network.host"), config);
    return WorkloadRenderer.render(builder, spec, namespace);
  }
}
