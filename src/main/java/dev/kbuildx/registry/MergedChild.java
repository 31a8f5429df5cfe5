package dev.kbuildx.registry;

/**
 * One entry of a merged index.
 *
 * @param node the node whose result first listed it
 */
public record MergedChild(String node, Descriptor descriptor) {

  /** {@code os/arch[/variant]}; {@code unknown/unknown} for attestations, empty when the descriptor has no platform. */
  public String platform() {
    return descriptor.platform() == null ? "" : descriptor.platform().format();
  }

  public String digest() {
    return descriptor.digest();
  }

  public String mediaType() {
    return descriptor.mediaType();
  }

  /** An attestation manifest (provenance, SBOM) of another child, not an image. */
  public boolean attestation() {
    return descriptor.isAttestation();
  }
}
