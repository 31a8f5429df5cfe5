package dev.kbuildx.driver.kubernetes;

import dev.kbuildx.buildkit.BuildkitdConfig;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Turns a node's buildkitd files into ConfigMaps mounted under {@code /etc/buildkit}, one per
 * directory because a ConfigMap volume is flat. Directories are numbered in sorted order (buildx
 * used map order), so the same files always give the same object names.
 */
final class ConfigMapRenderer {
  static final String CONFIG_DIR = "/etc/buildkit";

  /** One ConfigMap with the volume that refers to it and where the container mounts it. */
  record MountedConfigMap(ConfigMap configMap, Volume volume, VolumeMount mount) {}

  private ConfigMapRenderer() {}

  static List<MountedConfigMap> render(
      String object,
      String namespace,
      BuildkitdConfig config,
      Map<String, String> labels,
      Map<String, String> annotations) {
    List<MountedConfigMap> result = new ArrayList<>();
    int index = 0;
    for (Map.Entry<String, SortedMap<String, String>> directory : byDirectory(config).entrySet()) {
      String suffix = directory.getKey().isEmpty() ? "config" : "config-" + ++index;
      String mountPath =
          directory.getKey().isEmpty() ? CONFIG_DIR : CONFIG_DIR + "/" + directory.getKey();
      ConfigMap configMap = new ConfigMapBuilder()
          .withNewMetadata()
          .withName(object + "-" + suffix)
          .withNamespace(namespace)
          .withLabels(labels)
          .withAnnotations(annotations)
          .endMetadata()
          .withData(directory.getValue())
          .build();
      Volume volume = new VolumeBuilder()
          .withName(suffix)
          .withNewConfigMap().withName(configMap.getMetadata().getName()).endConfigMap()
          .build();
      VolumeMount mount = new VolumeMountBuilder().withName(suffix).withMountPath(mountPath).build();
      result.add(new MountedConfigMap(configMap, volume, mount));
    }
    return result;
  }

  /** Directory ("" for the root) to basename to content; the root sorts first. */
  private static SortedMap<String, SortedMap<String, String>> byDirectory(BuildkitdConfig config) {
    SortedMap<String, SortedMap<String, String>> directories = new TreeMap<>();
    config.files().forEach((path, content) -> {
      int slash = path.lastIndexOf('/');
      String directory = slash < 0 ? "" : path.substring(0, slash);
      directories.computeIfAbsent(directory, d -> new TreeMap<>()).put(path.substring(slash + 1), content);
    });
    return directories;
  }
}
