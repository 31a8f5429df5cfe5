package dev.kbuildx.buildkit.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kbuildx.KbuildxException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The {@code index.json} of a local cache directory. The daemon only writes blobs; the client then
 * tags the cache manifest the solve reported (exporter response {@code cache.manifest}) so that a
 * later import can find it by tag.
 */
public final class LocalCacheIndex {
  /** The annotation an OCI index uses for tags. */
  public static final String REF_NAME = "org.opencontainers.image.ref.name";
  private static final String INDEX_MEDIA_TYPE = "application/vnd.oci.image.index.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private LocalCacheIndex() {}

  /**
   * Points {@code tag} at the cache manifest {@code descriptorJson}, replacing what it pointed at
   * before and keeping every other entry.
   */
  public static void tag(Path directory, String descriptorJson, String tag) {
    Path index = directory.resolve("index.json");
    try {
      JsonNode reported = JSON.readTree(descriptorJson);
      if (!(reported instanceof ObjectNode descriptor) || !descriptor.path("digest").isTextual()) {
        throw new KbuildxException("the daemon reported an unreadable cache manifest descriptor: " + descriptorJson);
      }
      ObjectNode root = Files.isRegularFile(index) ? (ObjectNode) JSON.readTree(index.toFile()) : JSON.createObjectNode();
      root.put("schemaVersion", 2);
      if (!root.has("mediaType")) {
        root.put("mediaType", INDEX_MEDIA_TYPE);
      }
      ArrayNode manifests = JSON.createArrayNode();
      for (JsonNode entry : root.path("manifests")) {
        if (!tag.equals(entry.path("annotations").path(REF_NAME).asText(null))) {
          manifests.add(entry);
        }
      }
      ObjectNode tagged = descriptor.deepCopy();
      tagged.withObject("/annotations").put(REF_NAME, tag);
      manifests.add(tagged);
      root.set("manifests", manifests);
      writeAtomically(index, JSON.writeValueAsBytes(root));
    } catch (IOException | ClassCastException e) {
      throw new KbuildxException("cannot update the local cache index " + index + ": " + e.getMessage(), e);
    }
  }

  private static void writeAtomically(Path target, byte[] content) throws IOException {
    Files.createDirectories(target.getParent());
    Path temporary = Files.createTempFile(target.getParent(), ".index-", ".json");
    try {
      Files.write(temporary, content);
      try {
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
