package dev.kbuildx.buildkit;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The files mounted under {@code /etc/buildkit}: {@code buildkitd.toml} (rewritten so that
 * registry certificates point at their mounted copies) and {@code certs/<host>/<file>}.
 *
 * @param files relative path to UTF-8 content, sorted by path
 * @param allowsNetworkHost whether the TOML lists {@code network.host} in
 *     {@code insecure-entitlements}, which makes the default entitlement flag unnecessary
 */
public record BuildkitdConfig(SortedMap<String, String> files, boolean allowsNetworkHost) {
  public static final BuildkitdConfig NONE =
      new BuildkitdConfig(Collections.unmodifiableSortedMap(new TreeMap<>()), false);

  public boolean isEmpty() {
    return files.isEmpty();
  }
}
