package dev.kbuildx.registry;

import dev.kbuildx.KbuildxException;
import dev.kbuildx.buildkit.SolveResults;

/**
 * One node's pushed result, to be merged into the final index.
 *
 * @param node the builder node that built it, reported with each merged child
 * @param descriptor its manifest or index, pushed by digest
 */
public record MergeSource(String node, Descriptor descriptor) {

  /**
   * The source a node's solve reported: {@code containerimage.descriptor}, or for very old
   * BuildKit {@code containerimage.digest}, taken to be a Docker manifest list of unknown size.
   */
  public static MergeSource of(String node, SolveResults results) {
    if (results.descriptor() != null && !results.descriptor().digest().isEmpty()) {
      SolveResults.Descriptor reported = results.descriptor();
      return new MergeSource(node, Descriptor.of(reported.mediaType(), reported.digest(), reported.size()));
    }
    if (results.digest() != null) {
      return new MergeSource(node, Descriptor.of(MediaTypes.DOCKER_MANIFEST_LIST, results.digest(), -1));
    }
    throw new KbuildxException("the node " + node + " pushed no image: its build reported no image digest");
  }
}
