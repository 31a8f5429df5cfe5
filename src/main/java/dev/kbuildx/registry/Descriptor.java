package dev.kbuildx.registry;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An OCI content descriptor. Fields are written in the OCI spec's order and annotations sorted by
 * key, as Go's JSON encoder writes them, so merged indexes match what buildx would write.
 *
 * @param size -1 when unknown (the fallback for very old BuildKit results)
 * @param platform null when the descriptor has none
 */
@JsonPropertyOrder({"mediaType", "digest", "size", "urls", "annotations", "data", "platform", "artifactType"})
public record Descriptor(
    @JsonProperty("mediaType") String mediaType,
    @JsonProperty("digest") String digest,
    @JsonProperty("size") long size,
    @JsonProperty("urls") @JsonInclude(Include.NON_EMPTY) List<String> urls,
    @JsonProperty("annotations") @JsonInclude(Include.NON_EMPTY) Map<String, String> annotations,
    @JsonProperty("data") @JsonInclude(Include.NON_EMPTY) String data,
    @JsonProperty("platform") @JsonInclude(Include.NON_NULL) OciPlatform platform,
    @JsonProperty("artifactType") @JsonInclude(Include.NON_EMPTY) String artifactType) {

  /** The annotation key and value BuildKit marks attestation manifests with. */
  public static final String REFERENCE_TYPE_ANNOTATION = "vnd.docker.reference.type";
  public static final String ATTESTATION_MANIFEST = "attestation-manifest";

  public Descriptor {
    urls = urls == null ? List.of() : List.copyOf(urls);
    annotations = annotations == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(annotations));
  }

  public static Descriptor of(String mediaType, String digest, long size) {
    return new Descriptor(mediaType, digest, size, null, null, null, null, null);
  }

  public Descriptor withPlatform(OciPlatform newPlatform) {
    return new Descriptor(mediaType, digest, size, urls, annotations, data, newPlatform, artifactType);
  }

  public Descriptor withAnnotations(Map<String, String> newAnnotations) {
    return new Descriptor(mediaType, digest, size, urls, newAnnotations, data, platform, artifactType);
  }

  /** An attestation manifest BuildKit attaches to an image manifest (provenance, SBOM). */
  @JsonIgnore
  public boolean isAttestation() {
    return ATTESTATION_MANIFEST.equals(annotations.get(REFERENCE_TYPE_ANNOTATION));
  }
}
