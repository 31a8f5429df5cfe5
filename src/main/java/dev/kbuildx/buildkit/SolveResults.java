package dev.kbuildx.buildkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kbuildx.KbuildxException;
import java.io.IOException;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the exporters reported at the end of a solve: the daemon merges their
 * responses into one map.
 *
 * @param digest {@code containerimage.digest}: the root manifest or index, or null without an image
 *     output (the Docker Engine's builder reports the image id here)
 * @param configDigest {@code containerimage.config.digest} of a single-platform image, or null
 * @param descriptor {@code containerimage.descriptor}, decoded, or null when the daemon sends none
 * @param imageNames {@code image.name}, split at commas
 * @param response the whole response, for keys not modelled here
 */
public record SolveResults(String digest, String configDigest, Descriptor descriptor, List<String> imageNames,
    Map<String, String> response) {

  public SolveResults {
    imageNames = List.copyOf(imageNames);
    response = Collections.unmodifiableMap(new TreeMap<>(response));
  }

  /** An OCI content descriptor. */
  public record Descriptor(String mediaType, String digest, long size, Map<String, String> annotations) {
    public Descriptor {
      annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
    }
  }

  /** Reads {@code SolveResponse.ExporterResponse}. */
  public static SolveResults parse(Map<String, String> exporterResponse) {
    String names = exporterResponse.getOrDefault("image.name", "");
    return new SolveResults(
        blankToNull(exporterResponse.get("containerimage.digest")),
        blankToNull(exporterResponse.get("containerimage.config.digest")),
        descriptor(exporterResponse.get("containerimage.descriptor")),
        names.isBlank() ? List.of() : List.of(names.split(",")),
        exporterResponse);
  }

  private static Descriptor descriptor(String base64) {
    if (base64 == null || base64.isBlank()) {
      return null;
    }
    try {
      JsonNode json = BuildkitJson.mapper().readTree(Base64.getDecoder().decode(base64.trim()));
      Map<String, String> annotations = new LinkedHashMap<>();
      json.path("annotations").properties()
          .forEach(entry -> annotations.put(entry.getKey(), entry.getValue().asText()));
      return new Descriptor(json.path("mediaType").asText(), json.path("digest").asText(), json.path("size").asLong(),
          annotations);
    } catch (IllegalArgumentException | IOException e) {
      throw new KbuildxException("the daemon reported an unreadable image descriptor (containerimage.descriptor): "
          + e.getMessage(), e);
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
