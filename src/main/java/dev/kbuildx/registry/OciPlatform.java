package dev.kbuildx.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The platform of an OCI descriptor or image config, with the OCI field names (and their order, so
 * that serialised indexes look like BuildKit's and buildx's).
 */
@JsonPropertyOrder({"architecture", "os", "os.version", "os.features", "variant"})
@JsonInclude(Include.NON_EMPTY)
public record OciPlatform(
    @JsonProperty("architecture") String architecture,
    @JsonProperty("os") String os,
    @JsonProperty("os.version") String osVersion,
    @JsonProperty("os.features") List<String> osFeatures,
    @JsonProperty("variant") String variant) {

  public static OciPlatform of(String os, String architecture, String variant) {
    return new OciPlatform(architecture, os, null, null, variant);
  }

  /** {@code os/architecture[/variant]}, as containerd formats platforms. */
  public String format() {
    String osArch = orUnknown(os) + "/" + orUnknown(architecture);
    return variant == null || variant.isEmpty() ? osArch : osArch + "/" + variant;
  }

  private static String orUnknown(String value) {
    return value == null || value.isEmpty() ? "unknown" : value;
  }
}
