package dev.kbuildx.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A manifest as the registry serves it.
 *
 * @param mediaType the registry's {@code Content-Type}, such as
 *     {@code application/vnd.docker.distribution.manifest.v2+json}
 * @param digest the registry's {@code Docker-Content-Digest}, {@code sha256:...}
 * @param body the manifest's bytes, exactly as stored (the digest is over these)
 */
public record RegistryManifest(String mediaType, String digest, byte[] body) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public JsonNode json() {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException("the registry's manifest is not JSON", e);
    }
  }
}
