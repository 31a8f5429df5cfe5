package dev.kbuildx.build;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.kbuildx.KbuildxException;
import dev.kbuildx.driver.ClusterPlacement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a build produced, as {@code build-result.json} tells downstream tools.
 *
 * @param builder the daemon or nodes that built, e.g. {@code docker-engine unix:///var/run/docker.sock}
 * @param tags the image names the user asked for
 * @param digest the pushed image's digest (its index for several platforms); for an image that was
 *     not pushed, what the daemon reported (the Docker Engine's builder reports the image id); null
 *     without an image
 * @param mediaType the media type of the pushed image (index or manifest), or null when unknown
 * @param manifests the pushed image's manifests, one per platform, with the node that built each;
 *     empty when nothing was pushed
 * @param cacheOnly the build exported nothing because a {@code type=cacheonly} output asked so
 * @param clusterImage where {@code load=cluster} stored the image, null without it
 */
public record BuildResult(String builder, List<String> tags, String digest, String mediaType,
    List<PlatformManifest> manifests, boolean cacheOnly, ClusterImage clusterImage) {

  public BuildResult {
    tags = List.copyOf(tags);
    manifests = List.copyOf(manifests);
  }

  /** A result of a build that exported what it was asked to, with no load into the cluster. */
  public BuildResult(String builder, List<String> tags, String digest, String mediaType,
      List<PlatformManifest> manifests) {
    this(builder, tags, digest, mediaType, manifests, false, null);
  }

  /** This result, marked as a {@code type=cacheonly} build's: nothing left the builder's cache. */
  BuildResult nothingExported() {
    return new BuildResult(builder, tags, digest, mediaType, manifests, true, clusterImage);
  }

  BuildResult withClusterImage(ClusterImage loaded) {
    return new BuildResult(builder, tags, digest, mediaType, manifests, cacheOnly, loaded);
  }

  /**
   * Writes the result as JSON, creating the parent directories; fields without a value are left out.
   * It is streamed rather than mapped, since loading a JSON mapper would cost every build a noticeable
   * part of its start-up for one small file.
   */
  public void write(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (JsonGenerator json = new JsonFactory().createGenerator(file.toFile(), JsonEncoding.UTF8)) {
        json.useDefaultPrettyPrinter();
        json.writeStartObject();
        writeIfPresent(json, "builder", builder);
        writeStrings(json, "tags", tags);
        writeIfPresent(json, "digest", digest);
        writeIfPresent(json, "mediaType", mediaType);
        json.writeArrayFieldStart("manifests");
        for (PlatformManifest manifest : manifests) {
          json.writeStartObject();
          writeIfPresent(json, "platform", manifest.platform());
          writeIfPresent(json, "digest", manifest.digest());
          writeIfPresent(json, "mediaType", manifest.mediaType());
          writeIfPresent(json, "node", manifest.node());
          json.writeEndObject();
        }
        json.writeEndArray();
        if (cacheOnly) {
          json.writeBooleanField("cacheOnly", true);
        }
        if (clusterImage != null) {
          writeClusterImage(json, clusterImage);
        }
        json.writeEndObject();
      }
    } catch (IOException e) {
      throw new KbuildxException("cannot write the build result " + file + ": " + e.getMessage(), e);
    }
  }

  /** Where {@code load=cluster} put the image: the pod that built it and its Kubernetes node, the only one holding it. */
  private static void writeClusterImage(JsonGenerator json, ClusterImage loaded) throws IOException {
    ClusterPlacement placement = loaded.placement();
    json.writeObjectFieldStart("cluster");
    writeStrings(json, "images", loaded.images());
    writeIfPresent(json, "namespace", placement.namespace());
    writeIfPresent(json, "pod", placement.pod());
    writeStrings(json, "nodes", placement.kubernetesNode() == null ? List.of() : List.of(placement.kubernetesNode()));
    if (placement.notChecked() == null) {
      writeStrings(json, "nodesWithoutImage", placement.nodesWithoutImage());
    }
    writeIfPresent(json, "notChecked", placement.notChecked());
    json.writeEndObject();
  }

  private static void writeStrings(JsonGenerator json, String field, List<String> values) throws IOException {
    json.writeArrayFieldStart(field);
    for (String value : values) {
      json.writeString(value);
    }
    json.writeEndArray();
  }

  private static void writeIfPresent(JsonGenerator json, String field, String value) throws IOException {
    if (value != null) {
      json.writeStringField(field, value);
    }
  }
}
