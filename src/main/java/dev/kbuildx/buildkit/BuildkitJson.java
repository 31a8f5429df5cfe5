package dev.kbuildx.buildkit;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The JSON mapper of the few solve fields that BuildKit encodes as JSON, made on first use: most
 * builds have none, and loading a JSON mapper is a noticeable part of the plugin's start-up.
 */
final class BuildkitJson {
  private BuildkitJson() {}

  static ObjectMapper mapper() {
    return Holder.MAPPER;
  }

  private static final class Holder {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }
}
