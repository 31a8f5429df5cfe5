package dev.kbuildx.driver.kubernetes;

import dev.kbuildx.InvalidSettingException;
import java.util.List;

/**
 * The combinations a node with {@code worker=containerd} cannot have, refused before anything is
 * applied: its daemon shares the Kubernetes node's containerd and keeps its state in a directory of
 * that node, so it runs as root, once per Kubernetes node, without a volume of its own.
 */
final class ContainerdWorkerChecks {
  private static final List<KubernetesOption<String>> CONTAINERD_PATHS = List.of(KubernetesOption.CONTAINERD_SOCKET,
      KubernetesOption.CONTAINERD_ROOT, KubernetesOption.CONTAINERD_BUILDKIT_ROOT);
  private static final String CONTAINERD = "worker=containerd";

  private ContainerdWorkerChecks() {}

  static void check(KubernetesOptions options) {
    if (!options.containerdWorker()) {
      CONTAINERD_PATHS.stream().filter(path -> options.get(path) != null).findFirst().ifPresent(path -> {
        throw InvalidSettingException.driverOption(path.key(), options.get(path), "it applies only to a node with "
            + CONTAINERD + " (<worker>containerd</worker>); set that too, or leave " + path.key() + " out");
      });
      return;
    }
    if (options.rootless()) {
      throw InvalidSettingException.driverOption(KubernetesOption.WORKER.key(), Worker.CONTAINERD.optionValue(),
          "rootless BuildKit cannot use the Kubernetes node's containerd: its socket and the mounts it needs take root"
              + " on the node; accepted: worker=containerd without rootless=true, or rootless=true with worker=oci");
    }
    if (options.replicas() > 1) {
      throw InvalidSettingException.driverOption(KubernetesOption.REPLICAS.key(), String.valueOf(options.replicas()),
          "with " + CONTAINERD + " a node's pods keep their state in one directory of the Kubernetes node ("
              + KubernetesOption.CONTAINERD_BUILDKIT_ROOT.key() + "), which two pods on one Kubernetes node cannot"
              + " share; accepted: 1. To build on several Kubernetes nodes, declare one kbuildx node per Kubernetes"
              + " node, each with nodeselector=kubernetes.io/hostname=<node>");
    }
    for (KubernetesOption<String> volume : List.of(KubernetesOption.PERSISTENT_VOLUME_CLAIM_STORAGE,
        KubernetesOption.ROOT_VOLUME_MEMORY)) {
      if (options.get(volume) != null) {
        throw InvalidSettingException.driverOption(volume.key(), options.get(volume), "with " + CONTAINERD
            + " BuildKit keeps its state on the Kubernetes node (" + KubernetesOption.CONTAINERD_BUILDKIT_ROOT.key()
            + ") and containerd's own root, not in a volume; leave " + volume.key() + " out");
      }
    }
  }
}
