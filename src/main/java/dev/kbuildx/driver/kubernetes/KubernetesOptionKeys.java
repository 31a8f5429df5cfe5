package dev.kbuildx.driver.kubernetes;

import java.util.List;

/** The buildx names of the kubernetes driver options, as written in {@code key=value} form. */
public final class KubernetesOptionKeys {
  public static final String IMAGE = "image";
  public static final String NAMESPACE = "namespace";
  public static final String REPLICAS = "replicas";
  public static final String REQUESTS_CPU = "requests.cpu";
  public static final String REQUESTS_MEMORY = "requests.memory";
  public static final String REQUESTS_EPHEMERAL_STORAGE = "requests.ephemeral-storage";
  public static final String LIMITS_CPU = "limits.cpu";
  public static final String LIMITS_MEMORY = "limits.memory";
  public static final String LIMITS_EPHEMERAL_STORAGE = "limits.ephemeral-storage";
  public static final String PERSISTENT_VOLUME_CLAIM_STORAGE = "persistent-volume-claim.requests.storage";
  public static final String ROOT_VOLUME_MEMORY = "buildkit-root-volume-memory";
  public static final String ROOTLESS = "rootless";
  public static final String SCHEDULER_NAME = "schedulername";
  public static final String SERVICE_ACCOUNT = "serviceaccount";
  public static final String NODE_SELECTOR = "nodeselector";
  public static final String ANNOTATIONS = "annotations";
  public static final String LABELS = "labels";
  public static final String TOLERATIONS = "tolerations";
  public static final String LOAD_BALANCE = "loadbalance";
  public static final String QEMU_INSTALL = "qemu.install";
  public static final String QEMU_IMAGE = "qemu.image";
  public static final String DEFAULT_LOAD = "default-load";
  public static final String TIMEOUT = "timeout";
  /** Prefix of the per-variable option {@code env.<NAME>}. */
  public static final String ENV_PREFIX = "env.";

  /** Every accepted key, sorted, with {@code env.<NAME>} standing for the environment options. */
  public static final List<String> ALL = List.of(
      ANNOTATIONS, ROOT_VOLUME_MEMORY, DEFAULT_LOAD, ENV_PREFIX + "<NAME>", IMAGE, LABELS,
      LIMITS_CPU, LIMITS_EPHEMERAL_STORAGE, LIMITS_MEMORY, LOAD_BALANCE, NAMESPACE, NODE_SELECTOR,
      PERSISTENT_VOLUME_CLAIM_STORAGE, QEMU_IMAGE, QEMU_INSTALL, REPLICAS, REQUESTS_CPU,
      REQUESTS_EPHEMERAL_STORAGE, REQUESTS_MEMORY, ROOTLESS, SCHEDULER_NAME, SERVICE_ACCOUNT,
      TIMEOUT, TOLERATIONS);

  private KubernetesOptionKeys() {}
}
