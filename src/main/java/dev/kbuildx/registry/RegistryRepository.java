package dev.kbuildx.registry;

/**
 * A repository of a registry: {@code registry} as the image name writes it ({@code docker.io},
 * {@code 127.0.0.1:5000}) and its {@code path} ({@code library/busybox}).
 */
public record RegistryRepository(String registry, String path) {

  public static RegistryRepository of(ImageReference reference) {
    return new RegistryRepository(reference.domain(), reference.path());
  }

  /** Whether both name the same registry, so blobs can be mounted from one to the other. */
  public boolean sameRegistry(RegistryRepository other) {
    return RegistryHosts.normalize(registry).equals(RegistryHosts.normalize(other.registry));
  }

  @Override
  public String toString() {
    return registry + "/" + path;
  }
}
