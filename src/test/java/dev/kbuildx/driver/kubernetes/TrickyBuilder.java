package dev.kbuildx.driver.kubernetes;

import dev.kbuildx.buildkit.BuildkitdConfig;
import dev.kbuildx.platform.Platform;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A builder whose labels, annotations and environment hold strings that a careless YAML writer
 * turns into bools or numbers on the way to kubectl, and a multi-line buildkitd.toml.
 */
final class TrickyBuilder {
  static final String NAME = "tricky";
  static final String TOML = "debug = true\n[worker.oci]\n  gc = false\n";

  private TrickyBuilder() {
  }

  static BuilderSpec spec() {
    KubernetesOptions options = new KubernetesOptionsBuilder()
        .set("labels", "tricky=true,mode=yes")
        .set("annotations", "example.com/mode=0755,example.com/note=a: b")
        .set("env.ANSWER", "yes")
        .set("env.SWITCH", "on")
        .set("env.SCALE", "1e3")
        .set("env.HEX", "0x1F")
        .set("env.PAIR", "a: b")
        .set("env.EMPTY", "~")
        .build();
    NodeSpec node = new NodeSpec(NAME + "0", Platform.parseList("linux/amd64", "platforms"), options,
        List.of(), new BuildkitdConfig(new TreeMap<>(Map.of("buildkitd.toml", TOML)), false));
    return new BuilderSpec(NAME, List.of(node));
  }

  /** What the dry run prints, as fabric8 objects: ConfigMaps first, then the workload. */
  static List<HasMetadata> rendered(String namespace) {
    RenderedNode node = WorkloadRenderer.render(NAME, spec().nodes().get(0), namespace);
    List<HasMetadata> objects = new ArrayList<>(node.configMaps());
    objects.add(node.workload());
    return objects;
  }
}
