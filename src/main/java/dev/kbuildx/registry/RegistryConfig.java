package dev.kbuildx.registry;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** The registry sections of a builder's buildkitd.toml, by host as {@link RegistryHosts#normalize} writes it. */
public record RegistryConfig(Map<String, RegistryHostConfig> hosts) {

  /** No section: loopback registries over plain HTTP, every other over HTTPS with the system's trust. */
  public static final RegistryConfig NONE = new RegistryConfig(Map.of());

  public RegistryConfig {
    Map<String, RegistryHostConfig> normalized = new LinkedHashMap<>();
    hosts.forEach((host, config) -> normalized.putIfAbsent(RegistryHosts.normalize(host), config));
    hosts = Map.copyOf(normalized);
  }

  /** The section of a registry ({@code docker.io} and its API host share one), else the default. */
  public RegistryHostConfig forHost(String host) {
    return hosts.getOrDefault(RegistryHosts.normalize(host), RegistryHostConfig.DEFAULT);
  }

  /** This config, with {@code insecureHosts} reached over plain HTTP or without certificate checks. */
  public RegistryConfig withInsecure(Collection<String> insecureHosts) {
    Map<String, RegistryHostConfig> changed = new LinkedHashMap<>(hosts);
    insecureHosts.forEach(host -> changed.put(RegistryHosts.normalize(host), forHost(host).insecureAndPlainHttp()));
    return new RegistryConfig(changed);
  }
}
