package dev.kbuildx.build;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.kbuildx.KbuildxException;
import dev.kbuildx.buildkit.SolveResults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a build produced, as {@code build-result.json} tells downstream tools.
 *
 * @param builder the daemon that built, e.g. {@code docker-engine unix:///var/run/docker.sock}
 * @param tags the image names the user asked for
 * @param digest the image's digest as the daemon reported it, or null without an image output (the
 *     Docker Engine's builder reports the image id)
 * @param mediaType the media type of the image's root descriptor, or null when the daemon sent none
 * @param descriptorDigest the digest of that descriptor, or null
 * @param imageNames the names the daemon gave the image
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BuildResult(String builder, List<String> tags, String digest, String mediaType, String descriptorDigest,
    List<String> imageNames) {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public BuildResult {
    tags = List.copyOf(tags);
    imageNames = List.copyOf(imageNames);
  }

  public static BuildResult of(String builder, List<String> tags, SolveResults results) {
    SolveResults.Descriptor descriptor = results.descriptor();
    return new BuildResult(builder, tags, results.digest(), descriptor == null ? null : descriptor.mediaType(),
        descriptor == null ? null : descriptor.digest(), results.imageNames());
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
