package dev.kbuildx.registry;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Registry host names as docker compares them. Config files name a registry by host
 * ({@code ghcr.io}), by URL ({@code https://ghcr.io/v1/}) or, for Docker Hub, by any of its aliases;
 * the daemon asks for the host it contacts ({@code registry-1.docker.io} for Docker Hub).
 */
public final class RegistryHosts {

  /** The name Docker Hub's aliases normalise to. */
  public static final String DOCKER_HUB = "docker.io";

  /** The key {@code docker login} stores Docker Hub credentials under, also what helpers are asked for. */
  public static final String DOCKER_HUB_CONFIG_KEY = "https://index.docker.io/v1/";

  private static final Set<String> DOCKER_HUB_ALIASES = Set.of("docker.io", "index.docker.io", "registry-1.docker.io");

  private RegistryHosts() {}

  /**
   * The host of a host name or URL, lower case, without scheme and path; Docker Hub's aliases
   * become {@value #DOCKER_HUB}. A port is kept: {@code localhost:5000} and {@code localhost} are
   * different registries.
   */
  public static String normalize(String hostOrUrl) {
    String host = hostOrUrl.trim();
    int scheme = host.indexOf("://");
    if (scheme >= 0) {
      host = host.substring(scheme + 3);
    }
    int path = host.indexOf('/');
    if (path >= 0) {
      host = host.substring(0, path);
    }
    host = host.toLowerCase(Locale.ROOT);
    return DOCKER_HUB_ALIASES.contains(host) ? DOCKER_HUB : host;
  }

  public static boolean isDockerHub(String hostOrUrl) {
    return DOCKER_HUB.equals(normalize(hostOrUrl));
  }

  /** The host without its port; IPv6 literals keep their brackets, bare ones have no port. */
  public static String withoutPort(String host) {
    int colon = host.lastIndexOf(':');
    boolean hasPortSeparator = host.startsWith("[")
        ? colon > host.indexOf(']')
        : colon >= 0 && colon == host.indexOf(':');
    if (!hasPortSeparator) {
      return host;
    }
    String port = host.substring(colon + 1);
    return !port.isEmpty() && port.chars().allMatch(Character::isDigit) ? host.substring(0, colon) : host;
  }

  /** The server address docker stores credentials under and passes to credential helpers. */
  public static String dockerConfigKey(String host) {
    return isDockerHub(host) ? DOCKER_HUB_CONFIG_KEY : normalize(host);
  }

  /**
   * Maven {@code settings.xml} server ids to try for a host, best first: the host with its port,
   * then without it; for Docker Hub its aliases, as other Maven image plugins accept them.
   */
  public static List<String> serverIds(String host) {
    String normalized = normalize(host);
    if (DOCKER_HUB.equals(normalized)) {
      return List.of(DOCKER_HUB, "index.docker.io", "registry-1.docker.io", DOCKER_HUB_CONFIG_KEY);
    }
    String portless = withoutPort(normalized);
    return portless.equals(normalized) ? List.of(normalized) : List.of(normalized, portless);
  }
}
