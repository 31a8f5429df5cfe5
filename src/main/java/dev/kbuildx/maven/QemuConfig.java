package dev.kbuildx.maven;

/** XML form of the QEMU binfmt init container: {@code <qemu><install>true</install></qemu>}. */
public class QemuConfig {
  /** Whether to register QEMU emulators on the Kubernetes node before BuildKit starts. */
  private String install;

  /** The binfmt image; defaults to {@code tonistiigi/binfmt:latest}. */
  private String image;
}
