package dev.kbuildx.build;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.kbuildx.KbuildxException;
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
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BuildResult(String builder, List<String> tags, String digest, String mediaType,
    List<PlatformManifest> manifests) {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public BuildResult {
    tags = List.copyOf(tags);
    manifests = List.copyOf(manifests);
  }

  /** Writes the result as JSON, creating the parent directories. */
  public void write(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      JSON.writeValue(file.toFile(), this);
    } catch (IOException e) {
      throw new KbuildxException("cannot write the build result " + file + ": " + e.getMessage(), e);
    }
  }
}
