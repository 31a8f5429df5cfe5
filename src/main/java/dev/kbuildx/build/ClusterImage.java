package dev.kbuildx.build;

import dev.kbuildx.driver.ClusterPlacement;
import java.util.List;

/**
 * An image stored in a Kubernetes node's runtime by {@code load=cluster}.
 *
 * @param images its fully qualified names, as the kubelet looks them up
 */
public record ClusterImage(List<String> images, ClusterPlacement placement) {
  public ClusterImage {
    images = List.copyOf(images);
  }
}
