package dev.kbuildx.driver.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.List;

/**
 * What to do when the kubelet cannot mount the containerd socket or root of a {@code worker=containerd}
 * pod: the kubelet's warning names the volume, the user knows the option and its usual values.
 */
final class ContainerdMountHints {
  private record Mount(String volume, KubernetesOption<String> option, String what, String usual) {}

  private static final List<Mount> MOUNTS = List.of(
      new Mount(ContainerdWorkerPod.SOCKET_VOLUME, KubernetesOption.CONTAINERD_SOCKET, "no socket",
          "the socket of the node's containerd (kind, kubeadm and minikube: /run/containerd/containerd.sock;"
              + " k3s and k3d: /run/k3s/containerd/containerd.sock)"),
      new Mount(ContainerdWorkerPod.ROOT_VOLUME, KubernetesOption.CONTAINERD_ROOT, "no directory",
          "containerd's root, the root setting of its config.toml (usually /var/lib/containerd;"
              + " k3s and k3d: /var/lib/rancher/k3s/agent/containerd)"));

  private ContainerdMountHints() {}

  /** @param warnings the pod's warning lines, which name the volumes that could not be mounted */
  static List<String> of(Pod pod, List<String> warnings) {
    List<String> hints = new ArrayList<>();
    if (pod.getSpec() == null || pod.getSpec().getVolumes() == null) {
      return hints;
    }
    String node = pod.getSpec().getNodeName() == null ? "its Kubernetes node"
        : "Kubernetes node " + pod.getSpec().getNodeName();
    for (Mount mount : MOUNTS) {
      boolean failed = warnings.stream().anyMatch(line -> line.contains("volume \"" + mount.volume() + "\""));
      pod.getSpec().getVolumes().stream()
          .filter(volume -> failed && volume.getName().equals(mount.volume()) && volume.getHostPath() != null)
          .map(Volume::getHostPath)
          .forEach(hostPath -> hints.add("the driver option " + mount.option().key() + " ("
              + mount.option().element() + ") is \"" + hostPath.getPath() + "\", which is " + mount.what() + " on "
              + node + ": set it to " + mount.usual()));
    }
    return hints;
  }
}
