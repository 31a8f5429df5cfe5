package dev.kbuildx.driver.kubernetes;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * What a pod needs to build with the Kubernetes node's containerd ({@code worker=containerd}).
 * containerd and its shims run on the node, outside the pod, and resolve every path BuildKit hands
 * them there: so the socket, containerd's root (its snapshots), the directory of containerd's
 * client FIFOs and BuildKit's state are mounted from the node at the same paths. BuildKit's state is
 * shared both ways (Bidirectional, which needs a privileged container and a shared mount on the
 * node), so that the mounts BuildKit makes for a step (a secret's tmpfs, say) reach the shim. Each
 * node of each namespace keeps its state in a directory of its own under the configured root.
 */
final class ContainerdWorkerPod {
  /** The namespace the images land in: the one the kubelet's CRI uses. */
  static final String NAMESPACE = "k8s.io";
  /** Where containerd's client library puts the FIFOs of a task's stdio; the shim opens them by this path. */
  static final String FIFO_DIR = "/run/containerd/fifo";
  static final String NAMESPACE_VARIABLE = "KBUILDX_NAMESPACE";
  private static final String TMPDIR = "TMPDIR";
  static final String SOCKET_VOLUME = "containerd-socket";
  static final String ROOT_VOLUME = "containerd-root";
  private static final String FIFO_VOLUME = "containerd-fifo";
  private static final String STATE_VOLUME = "buildkit-state";

  private final KubernetesOptions options;
  private final String stateDir;

  /** @param object the name of the node's workload */
  ContainerdWorkerPod(KubernetesOptions options, String object) {
    this.options = options;
    this.stateDir = options.containerdBuildkitRoot() + "/$(" + NAMESPACE_VARIABLE + ")/" + object;
  }

  /** The user's flags, then the worker's, except those the user set already. */
  List<String> args(List<String> userFlags) {
    List<String> args = new ArrayList<>(userFlags);
    addUnlessSet(args, "--oci-worker", "false");
    addUnlessSet(args, "--containerd-worker", "true");
    addUnlessSet(args, "--containerd-worker-addr", options.containerdSocket());
    addUnlessSet(args, "--containerd-worker-namespace", NAMESPACE);
    addUnlessSet(args, "--root", stateDir);
    return args;
  }

  /**
   * The pod's namespace, which the state directory names, and a temporary directory inside the
   * shared state, where BuildKit makes the mounts of secrets.
   */
  List<EnvVar> env() {
    List<EnvVar> env = new ArrayList<>();
    env.add(new EnvVarBuilder().withName(NAMESPACE_VARIABLE).withNewValueFrom().withNewFieldRef()
        .withFieldPath("metadata.namespace").endFieldRef().endValueFrom().build());
    if (!options.env().containsKey(TMPDIR)) {
      env.add(new EnvVar(TMPDIR, stateDir, null));
    }
    return env;
  }

  List<Volume> volumes() {
    return List.of(
        hostPath(SOCKET_VOLUME, options.containerdSocket(), "Socket"),
        hostPath(ROOT_VOLUME, options.containerdRoot(), "Directory"),
        hostPath(FIFO_VOLUME, FIFO_DIR, "DirectoryOrCreate"),
        hostPath(STATE_VOLUME, options.containerdBuildkitRoot(), "DirectoryOrCreate"));
  }

  List<VolumeMount> mounts() {
    return List.of(
        mount(SOCKET_VOLUME, options.containerdSocket(), null),
        mount(ROOT_VOLUME, options.containerdRoot(), null),
        mount(FIFO_VOLUME, FIFO_DIR, null),
        mount(STATE_VOLUME, options.containerdBuildkitRoot(), "Bidirectional"));
  }

  private static void addUnlessSet(List<String> args, String flag, String value) {
    if (args.stream().noneMatch(arg -> arg.equals(flag) || arg.startsWith(flag + "="))) {
      args.add(flag + "=" + value);
    }
  }

  private static Volume hostPath(String name, String path, String type) {
    return new VolumeBuilder().withName(name).withNewHostPath().withPath(path).withType(type).endHostPath().build();
  }

  private static VolumeMount mount(String name, String path, String propagation) {
    return new VolumeMountBuilder().withName(name).withMountPath(path).withMountPropagation(propagation).build();
  }
}
