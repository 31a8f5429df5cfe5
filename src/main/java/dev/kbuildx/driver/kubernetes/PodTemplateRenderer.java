package dev.kbuildx.driver.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** The pod template of a node's workload: the {@code buildkitd} container and its volumes. */
final class PodTemplateRenderer {
  private static final String[] WORKERS_COMMAND = {"buildctl", "debug", "workers"};
  static final String CONTAINER = "buildkitd";
  /** Name of the rootless state emptyDir and of the persistent claim template. */
  static final String STATE_VOLUME = "buildkitd";
  static final String MEMORY_VOLUME = "buildkit-memory";
  static final String ROOT_STATE_DIR = "/var/lib/buildkit";
  static final String ROOTLESS_STATE_DIR = "/home/user/.local/share/buildkit";

  private PodTemplateRenderer() {}

  /** @param object the name of the node's workload */
  static PodTemplateSpec render(
      KubernetesOptions options,
      String object,
      List<String> args,
      List<ConfigMapRenderer.MountedConfigMap> configMaps,
      Map<String, String> labels,
      Map<String, String> annotations) {
    List<Volume> volumes = new ArrayList<>();
    List<VolumeMount> mounts = new ArrayList<>();
    for (ConfigMapRenderer.MountedConfigMap configMap : configMaps) {
      volumes.add(configMap.volume());
      mounts.add(configMap.mount());
    }
    List<EnvVar> env = new ArrayList<>();
    List<String> buildkitdArgs = args;
    if (options.containerdWorker()) {
      ContainerdWorkerPod containerd = new ContainerdWorkerPod(options, object);
      volumes.addAll(containerd.volumes());
      mounts.addAll(containerd.mounts());
      env.addAll(containerd.env());
      buildkitdArgs = containerd.args(args);
    } else {
      addStateVolume(options, volumes, mounts);
    }
    env.addAll(env(options.env()));

    Container buildkitd = new ContainerBuilder()
        .withName(CONTAINER)
        .withImage(options.image())
        .withArgs(buildkitdArgs)
        .withSecurityContext(securityContext(options.rootless()))
        .withStartupProbe(startupProbe())
        .withReadinessProbe(workersProbe())
        .withLivenessProbe(workersProbe())
        .withNewResources()
        .withRequests(quantities(options.requests()))
        .withLimits(quantities(options.limits()))
        .endResources()
        .withEnv(env)
        .withVolumeMounts(mounts)
        .build();

    return new PodTemplateSpecBuilder()
        .withNewMetadata().withLabels(labels).withAnnotations(annotations).endMetadata()
        .withNewSpec()
        .withServiceAccountName(options.serviceAccount())
        .withSchedulerName(options.schedulerName())
        .withInitContainers(options.qemuInstall() ? List.of(qemu(options.qemuImage())) : List.of())
        .withContainers(buildkitd)
        .withVolumes(volumes)
        .withNodeSelector(options.nodeSelector().isEmpty() ? null : options.nodeSelector())
        .withTolerations(options.tolerations().isEmpty() ? null : tolerations(options.tolerations()))
        .endSpec()
        .build();
  }

  /**
   * Where BuildKit keeps its state. A persistent node mounts its claim template (the StatefulSet
   * supplies the volume; KubernetesOptionsBuilder rejects a memory volume next to it) and, unlike
   * buildx, keeps the ConfigMap mounts.
   */
  private static void addStateVolume(KubernetesOptions options, List<Volume> volumes, List<VolumeMount> mounts) {
    String stateDir = options.rootless() ? ROOTLESS_STATE_DIR : ROOT_STATE_DIR;
    if (options.persistent()) {
      mounts.add(mount(STATE_VOLUME, stateDir));
    } else if (options.rootless()) {
      volumes.add(emptyDir(STATE_VOLUME, options.rootVolumeMemory()));
      mounts.add(mount(STATE_VOLUME, stateDir));
    } else if (options.rootVolumeMemory() != null) {
      volumes.add(emptyDir(MEMORY_VOLUME, options.rootVolumeMemory()));
      mounts.add(mount(MEMORY_VOLUME, stateDir));
    }
  }

  /** An emptyDir, memory-backed with a size limit when {@code memory} is set. */
  private static Volume emptyDir(String name, String memory) {
    VolumeBuilder volume = new VolumeBuilder().withName(name);
    if (memory == null) {
      return volume.withNewEmptyDir().endEmptyDir().build();
    }
    return volume.withNewEmptyDir().withMedium("Memory").withSizeLimit(new Quantity(memory)).endEmptyDir().build();
  }

  private static VolumeMount mount(String name, String path) {
    return new VolumeMountBuilder().withName(name).withMountPath(path).build();
  }

  /** Rootless BuildKit needs only an unconfined seccomp profile; rootful BuildKit needs privileges. */
  private static SecurityContext securityContext(boolean rootless) {
    if (rootless) {
      return new SecurityContextBuilder().withNewSeccompProfile().withType("Unconfined").endSeccompProfile().build();
    }
    return new SecurityContextBuilder().withPrivileged(true).build();
  }

  /**
   * Asks every second until buildkitd answers, and gives it five minutes to start before the
   * kubelet restarts it. It holds the readiness and liveness probes back until then, so that they
   * need no initial delay of their own.
   */
  private static Probe startupProbe() {
    return new ProbeBuilder()
        .withNewExec().withCommand(WORKERS_COMMAND).endExec()
        .withFailureThreshold(300)
        .withPeriodSeconds(1)
        .withSuccessThreshold(1)
        .withTimeoutSeconds(60)
        .build();
  }

  /**
   * The daemon check, every 30 s with a minute to answer, so that a busy daemon does not count as a
   * failure. Without an initial delay the kubelet runs the readiness probe as soon as the startup probe
   * passed, so the pod is ready a moment after its daemon; a delay would postpone that first check
   * to the next period, 30 s later.
   */
  private static Probe workersProbe() {
    return new ProbeBuilder()
        .withNewExec().withCommand(WORKERS_COMMAND).endExec()
        .withFailureThreshold(3)
        .withPeriodSeconds(30)
        .withSuccessThreshold(1)
        .withTimeoutSeconds(60)
        .build();
  }

  /** Unlike buildx, requests.ephemeral-storage is a request, not a limit. */
  private static SortedMap<String, Quantity> quantities(ResourceQuantities resources) {
    SortedMap<String, Quantity> result = new TreeMap<>();
    if (resources.cpu() != null) {
      result.put("cpu", new Quantity(resources.cpu()));
    }
    if (resources.memory() != null) {
      result.put("memory", new Quantity(resources.memory()));
    }
    if (resources.ephemeralStorage() != null) {
      result.put("ephemeral-storage", new Quantity(resources.ephemeralStorage()));
    }
    return result;
  }

  private static List<EnvVar> env(SortedMap<String, String> env) {
    return env.entrySet().stream().map(e -> new EnvVar(e.getKey(), e.getValue(), null)).toList();
  }

  private static List<Toleration> tolerations(List<TolerationSpec> tolerations) {
    return tolerations.stream()
        .map(t -> new TolerationBuilder()
            .withKey(t.key())
            .withOperator(t.operator())
            .withValue(t.value())
            .withEffect(t.effect())
            .withTolerationSeconds(t.tolerationSeconds())
            .build())
        .toList();
  }

  /** Registers QEMU binfmt handlers on the Kubernetes node, which needs privileges even for rootless BuildKit. */
  private static Container qemu(String image) {
    return new ContainerBuilder()
        .withName("qemu")
        .withImage(image)
        .withArgs("--install", "all")
        .withNewSecurityContext().withPrivileged(true).endSecurityContext()
        .build();
  }
}
