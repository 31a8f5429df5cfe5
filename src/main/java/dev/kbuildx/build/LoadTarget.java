package dev.kbuildx.build;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.SettingKey;
import dev.kbuildx.options.GoBoolean;
import java.util.Locale;

/** Where the {@code load} setting puts the built image. */
public enum LoadTarget {
  /** Nowhere: the image stays on the builder unless pushed. */
  NONE,
  /** The local Docker Engine, as {@code docker buildx build --load}; what {@code true} means. */
  DOCKER,
  /** The container runtime of the Kubernetes node whose containerd the builder's node builds with. */
  CLUSTER;

  /** {@code false}, {@code true}, {@code docker} or {@code cluster}; null or blank is {@code false}. */
  public static LoadTarget parse(String value) {
    if (value == null || value.isBlank()) {
      return NONE;
    }
    String trimmed = value.trim();
    switch (trimmed.toLowerCase(Locale.ROOT)) {
      case "docker":
        return DOCKER;
      case "cluster":
        return CLUSTER;
      default:
        return GoBoolean.parse(trimmed).map(load -> load ? DOCKER : NONE).orElseThrow(() ->
            InvalidSettingException.setting(SettingKey.LOAD.key(), value, "accepted: false (the default), true or"
                + " docker (the local Docker Engine), or cluster (the Kubernetes node of a builder node with"
                + " worker=containerd)"));
    }
  }

  /** The value as the user writes it. */
  public String value() {
    return this == NONE ? "false" : name().toLowerCase(Locale.ROOT);
  }
}
