package dev.kbuildx.build;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.buildkit.ControlClient;
import dev.kbuildx.buildkit.DockerfileBuild;
import dev.kbuildx.buildkit.Output;
import dev.kbuildx.buildkit.WorkerInfo;
import dev.kbuildx.driver.ClusterPlacement;
import dev.kbuildx.driver.ConnectedDaemon;
import dev.kbuildx.driver.Driver;
import dev.kbuildx.progress.ProgressLog;
import dev.kbuildx.registry.ImageReference;
import java.util.List;
import java.util.Map;

/**
 * Loading into the cluster ({@code load=cluster}): a node whose daemon builds with its Kubernetes
 * node's containerd, in the namespace the kubelet uses, stores an image it names right in that
 * node's runtime. So the build only names the image fully (the kubelet looks images up by their
 * fully qualified names) and, afterwards, says where it landed: on that one Kubernetes node.
 */
final class ClusterLoad {
  static final String VALUE = LoadTarget.CLUSTER.value();
  /** The containerd namespace of the kubelet's CRI. */
  static final String CRI_NAMESPACE = "k8s.io";
  static final String NAMESPACE_LABEL = "org.mobyproject.buildkit.worker.containerd.namespace";
  static final String HOSTNAME_LABEL = "org.mobyproject.buildkit.worker.hostname";
  private static final String NEEDS = "a node of a Kubernetes builder with the driver option worker=containerd"
      + " (<driver><worker>containerd</worker></driver>), whose daemon stores images in its Kubernetes node's"
      + " containerd";

  private final ProgressLog log;

  ClusterLoad(ProgressLog log) {
    this.log = log;
  }

  /** Refuses, before any daemon is dialled, a builder none of whose nodes can load into the cluster. */
  static void checkBuilder(List<Driver> nodes) {
    if (nodes.stream().noneMatch(node -> node.features().clusterImageStore())) {
      throw InvalidSettingException.setting(ImageLoad.LOAD, VALUE, "it needs " + NEEDS + "; the builder's nodes "
          + nodes.stream().map(Driver::name).toList() + " have none. Set worker=containerd on a node of a"
          + " Kubernetes builder, or load=true for the local Docker Engine, or push");
    }
  }

  /** Refuses the node the platforms went to when it cannot load into the cluster. */
  static void checkNode(Driver node) {
    if (!node.features().clusterImageStore()) {
      throw InvalidSettingException.setting(ImageLoad.LOAD, VALUE, "the platforms to build went to node "
          + node.name() + ", which is not " + NEEDS + "; build a platform of a containerd node, or set"
          + " worker=containerd on " + node.name());
    }
  }

  /** A multi-node build merges its images through a registry; no one Kubernetes node would hold the result. */
  static InvalidSettingException multiNode() {
    return InvalidSettingException.setting(ImageLoad.LOAD, VALUE, "a multi-node build makes one image per node and"
        + " merges them in a registry, so no Kubernetes node would hold the result; build the platforms of one"
        + " containerd node to load it, or push");
  }

  /**
   * The daemon's default worker must store into the kubelet's namespace: pods created before the
   * node got {@code worker=containerd} still run BuildKit's own worker.
   *
   * @return the daemon's hostname, which is its pod's name
   */
  String checkDaemon(ConnectedDaemon daemon, Driver node) {
    List<WorkerInfo> workers = new ControlClient(daemon.channel()).listWorkers();
    Map<String, String> labels = workers.isEmpty() ? Map.of() : workers.get(0).labels();
    if (!CRI_NAMESPACE.equals(labels.get(NAMESPACE_LABEL))) {
      throw InvalidSettingException.setting(ImageLoad.LOAD, VALUE, "the daemon of node " + node.name() + " ("
          + daemon.description() + ") does not store into containerd's " + CRI_NAMESPACE + " namespace (its worker"
          + " reports executor " + labels.getOrDefault("org.mobyproject.buildkit.worker.executor", "unknown")
          + ", containerd namespace " + labels.getOrDefault(NAMESPACE_LABEL, "none") + "); its pods may predate"
          + " worker=containerd: run kbuildx:create to apply the declaration");
    }
    return labels.get(HOSTNAME_LABEL);
  }

  /** The build with its image outputs named fully; at least one must have a name, which becomes the image's. */
  static DockerfileBuild named(DockerfileBuild build) {
    List<Output> outputs = build.outputs().stream()
        .map(output -> output instanceof Output.Image image ? new Output.Image(qualified(image.names()), image.push(),
            image.pushByDigest(), image.insecure(), image.options()) : output)
        .toList();
    if (outputs.stream().noneMatch(output -> output instanceof Output.Image image && !image.names().isEmpty())) {
      throw InvalidSettingException.setting(ImageLoad.LOAD, VALUE, "loading into the cluster needs at least one"
          + " image name in tags: the image is stored under its names in the Kubernetes node's containerd");
    }
    return build.forNode(build.platforms(), outputs, build.multiPlatform());
  }

  /** Finds where the image landed, says so and warns about the schedulable Kubernetes nodes that lack it. */
  ClusterImage placed(Driver node, String hostname, List<String> images) {
    ClusterPlacement placement = node.placement(hostname, images).orElseThrow(() -> new IllegalStateException(
        node.name() + " stores into a Kubernetes node's runtime but cannot say where"));
    String where = placement.kubernetesNode() == null ? "the Kubernetes node of pod " + placement.pod()
        : "Kubernetes node " + placement.kubernetesNode();
    log.info("Loaded " + String.join(", ", images) + " into containerd (namespace " + CRI_NAMESPACE + ") of "
        + where + " (pod " + placement.namespace() + "/" + placement.pod() + ")");
    if (placement.notChecked() != null) {
      log.warn("The image is only on " + where + "; kbuildx could not check the other nodes: "
          + placement.notChecked());
    } else if (!placement.nodesWithoutImage().isEmpty()) {
      log.warn("The image is only on " + where + "; the schedulable nodes " + placement.nodesWithoutImage()
          + " lack it, so a pod placed there cannot start with imagePullPolicy Never (IfNotPresent pulls and fails"
          + " without a registry). Pin the workload to the node: nodeSelector kubernetes.io/hostname: "
          + placement.kubernetesNode() + " (or a required nodeAffinity on that label)");
    }
    return new ClusterImage(images, placement);
  }

  private static List<String> qualified(List<String> names) {
    return names.stream().map(name -> ImageReference.parse(name, BuildOutputs.TAGS).toString()).toList();
  }
}
