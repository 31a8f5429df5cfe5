package dev.kbuildx.registry;

import java.util.List;

/**
 * The index merged from the nodes' results, ready to push.
 *
 * @param bytes exactly what is pushed; {@code digest} is over these
 * @param children the index's entries in order, images and attestations
 */
public record MergedIndex(String mediaType, byte[] bytes, String digest, List<MergedChild> children) {

  public MergedIndex {
    children = List.copyOf(children);
  }

  public Descriptor descriptor() {
    return Descriptor.of(mediaType, digest, bytes.length);
  }

  /** The image children, without attestation manifests. */
  public List<MergedChild> images() {
    return children.stream().filter(child -> !child.attestation()).toList();
  }

  @Override
  public String toString() {
    return "MergedIndex[mediaType=" + mediaType + ", digest=" + digest + ", children=" + children + "]";
  }
}
