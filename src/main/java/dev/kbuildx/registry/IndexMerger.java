package dev.kbuildx.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kbuildx.KbuildxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Merges the nodes' pushed results into one index: indexes are flattened into their
 * entries, single image manifests taken as entries (with the platform of their image config when
 * the descriptor has none), entries de-duplicated by digest, attestation manifests kept. It reads
 * content only through a {@link ContentReader}, so it has no I/O of its own.
 */
public final class IndexMerger {

  private static final String SCHEMA1_ERROR = "schema1 manifests are not allowed in manifest lists";

  private IndexMerger() {}

  /**
   * @param sources in node order; entries keep this order, then each index's order
   * @param exportAttributes the image export's attributes, read for {@code annotation-index.*} and
   *     {@code annotation-manifest-descriptor*} (annotations only an OCI index can carry)
   */
  public static MergedIndex merge(List<MergeSource> sources, Map<String, String> exportAttributes, ContentReader reader) {
    if (sources.isEmpty()) {
      throw new KbuildxException("there is no node result to merge into an index");
    }
    IndexAnnotations annotations = IndexAnnotations.from(exportAttributes);
    Map<String, MergedChild> entries = new LinkedHashMap<>();
    ManifestContent onlySource = null;
    for (MergeSource source : sources) {
      ManifestContent content = reader.manifest(source.descriptor());
      onlySource = content;
      for (Descriptor entry : entriesOf(source, content, reader)) {
        entries.merge(entry.digest(), new MergedChild(source.node(), entry), IndexMerger::combine);
      }
    }
    List<MergedChild> children = List.copyOf(entries.values());
    if (sources.size() == 1 && annotations.isEmpty()) {
      return new MergedIndex(onlySource.mediaType(), onlySource.bytes(), sources.get(0).descriptor().digest(), children);
    }
    boolean allDocker = children.stream().allMatch(child -> MediaTypes.isDocker(child.mediaType()));
    return allDocker
        ? build(MediaTypes.DOCKER_MANIFEST_LIST, children, Map.of())
        : build(MediaTypes.OCI_INDEX, annotate(children, annotations), annotations.index());
  }

  /** The same entry listed twice: annotations merged, the later platform wins, the first node is kept. */
  private static MergedChild combine(MergedChild first, MergedChild later) {
    Map<String, String> annotations = new LinkedHashMap<>(first.descriptor().annotations());
    annotations.putAll(later.descriptor().annotations());
    Descriptor merged = first.descriptor().withAnnotations(annotations);
    if (later.descriptor().platform() != null) {
      merged = merged.withPlatform(later.descriptor().platform());
    }
    return new MergedChild(first.node(), merged);
  }

  private static List<Descriptor> entriesOf(MergeSource source, ManifestContent content, ContentReader reader) {
    String what = "the result " + source.descriptor().digest() + " of node " + source.node();
    String mediaType = content.mediaType();
    JsonNode json = RegistryJson.read(content.bytes(), what);
    if (MediaTypes.isSchema1(mediaType) || json.path("schemaVersion").asInt(2) == 1) {
      throw new KbuildxException(SCHEMA1_ERROR);
    }
    if (MediaTypes.isIndex(mediaType)) {
      List<Descriptor> entries = new ArrayList<>();
      for (JsonNode entry : json.path("manifests")) {
        Descriptor descriptor = RegistryJson.convert(entry, Descriptor.class, "an entry of " + what);
        if (MediaTypes.isSchema1(descriptor.mediaType())) {
          throw new KbuildxException(SCHEMA1_ERROR);
        }
        entries.add(descriptor);
      }
      return entries;
    }
    if (MediaTypes.isImageManifest(mediaType)) {
      Descriptor declared = source.descriptor();
      Descriptor entry = new Descriptor(mediaType, declared.digest(), content.bytes().length, declared.urls(),
          declared.annotations(), null, declared.platform(), declared.artifactType());
      return List.of(entry.platform() != null ? entry : entry.withPlatform(platformOfConfig(json, reader, what)));
    }
    throw new KbuildxException("cannot merge " + what + ": its media type " + mediaType
        + " is neither an image manifest nor an index");
  }

  private static OciPlatform platformOfConfig(JsonNode manifest, ContentReader reader, String what) {
    Descriptor config = RegistryJson.convert(manifest.path("config"), Descriptor.class, "the config of " + what);
    if (config.digest() == null || config.digest().isEmpty()) {
      throw new KbuildxException(what + " is an image manifest without a config");
    }
    JsonNode image = RegistryJson.read(reader.blob(config), "the image config " + config.digest() + " of " + what);
    return RegistryJson.convert(image, OciPlatform.class, "the image config " + config.digest() + " of " + what);
  }

  private static List<MergedChild> annotate(List<MergedChild> children, IndexAnnotations annotations) {
    return children.stream()
        .map(child -> new MergedChild(child.node(), child.descriptor().withAnnotations(
            annotations.forEntry(child.descriptor().platform(), child.descriptor().annotations()))))
        .toList();
  }

  private static MergedIndex build(String mediaType, List<MergedChild> children, Map<String, String> annotations) {
    List<Descriptor> manifests = children.stream().map(MergedChild::descriptor).toList();
    byte[] bytes = RegistryJson.indented(new IndexDocument(2, mediaType, manifests, annotations));
    return new MergedIndex(mediaType, bytes, Digests.sha256(bytes), children);
  }

  /** An image index or manifest list as written: Go's field order, annotations sorted and only when present. */
  @JsonPropertyOrder({"schemaVersion", "mediaType", "manifests", "annotations"})
  private record IndexDocument(
      @JsonProperty("schemaVersion") int schemaVersion,
      @JsonProperty("mediaType") String mediaType,
      @JsonProperty("manifests") List<Descriptor> manifests,
      @JsonProperty("annotations") @JsonInclude(Include.NON_EMPTY) Map<String, String> annotations) {

    IndexDocument {
      annotations = new TreeMap<>(annotations);
    }
  }
}
