package dev.kbuildx.driver.kubernetes;

import java.util.Locale;

/** The BuildKit worker of a node's pods (driver option {@code worker}). */
public enum Worker {
  /** BuildKit's own runc and image store inside the pod, as buildx runs it. */
  OCI,
  /**
   * The Kubernetes node's containerd, in its {@code k8s.io} namespace: what the node builds is at
   * once an image of that node's runtime, which pods run without a registry.
   */
  CONTAINERD;

  public String optionValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
