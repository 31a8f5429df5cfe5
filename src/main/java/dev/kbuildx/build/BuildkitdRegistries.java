package dev.kbuildx.build;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.kbuildx.buildkit.BuildkitdConfig;
import dev.kbuildx.registry.RegistryConfig;
import dev.kbuildx.registry.RegistryHostConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code [registry."host"]} sections of the buildkitd configs of a build's nodes, for kbuildx's
 * own registry client: {@code http}, {@code insecure}, {@code ca} and {@code mirrors}.
 *
 * <p>buildx reads them from the builder's first node only. kbuildx merges the nodes it is given in
 * their order, the first node that has a section for a host deciding it: with one config for the
 * whole builder (the usual case) that is buildx's result, and a registry only a later node
 * configures is still reached the way that node reached it.
 */
final class BuildkitdRegistries {
  private static final String TOML = "buildkitd.toml";
  /** Where the pods mount the config; its rewritten {@code ca} paths point there. */
  private static final String MOUNTED_AT = "/etc/buildkit/";
  private static final TomlMapper MAPPER = new TomlMapper();

  private BuildkitdRegistries() {}

  static RegistryConfig of(List<BuildkitdConfig> configs) {
    Map<String, RegistryHostConfig> hosts = new LinkedHashMap<>();
    for (BuildkitdConfig config : configs) {
      sections(config).forEach(hosts::putIfAbsent);
    }
    return new RegistryConfig(hosts);
  }

  private static Map<String, RegistryHostConfig> sections(BuildkitdConfig config) {
    String toml = config.files().get(TOML);
    Map<String, RegistryHostConfig> hosts = new LinkedHashMap<>();
    if (toml == null) {
      return hosts;
    }
    JsonNode registries;
    try {
      registries = MAPPER.readTree(toml).path("registry");
    } catch (JacksonException e) {
      // The loader parsed this text already; a config that is not TOML never gets here.
      throw new IllegalStateException("cannot read back a buildkitd.toml that was loaded", e);
    }
    registries.properties().forEach(section -> {
      JsonNode registry = section.getValue();
      JsonNode http = registry.path("http");
      List<String> cas = new ArrayList<>();
      for (String path : texts(registry.path("ca"))) {
        // As buildx: a ca file that was not copied with the config is skipped.
        String file = config.files().get(path.startsWith(MOUNTED_AT) ? path.substring(MOUNTED_AT.length()) : path);
        if (file != null) {
          cas.add(file);
        }
      }
      hosts.put(section.getKey(), new RegistryHostConfig(http.isBoolean() ? http.booleanValue() : null,
          registry.path("insecure").asBoolean(false), cas, texts(registry.path("mirrors"))));
    });
    return hosts;
  }

  private static List<String> texts(JsonNode list) {
    List<String> values = new ArrayList<>();
    list.forEach(value -> {
      if (value.isTextual() && !value.asText().isBlank()) {
        values.add(value.asText().trim());
      }
    });
    return values;
  }
}
