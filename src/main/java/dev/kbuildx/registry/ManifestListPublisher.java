package dev.kbuildx.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kbuildx.KbuildxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Merges the indexes the nodes of a multi-node build pushed by digest and pushes the result to
 * every tag. The sources are read from the repository of the first tag.
 *
 * <p>The nodes push into every repository named by the tags, so each tag's repository
 * normally has all entries already. When one lacks an entry, it is copied from the first tag's
 * repository first: blobs mounted within one registry, streamed between registries, then the
 * manifests pushed by digest.
 */
public final class ManifestListPublisher {

  /** Docker's default tag, for a name given without one. */
  static final String DEFAULT_TAG = "latest";

  private final RegistryClient client;

  public ManifestListPublisher(RegistryClient client) {
    this.client = client;
  }

  /** Merges and pushes; the result's digest is the build's final image digest. */
  public MergedIndex publish(List<MergeSource> sources, Map<String, String> exportAttributes, List<ImageReference> tags) {
    if (tags.isEmpty()) {
      throw new KbuildxException("tag is needed when pushing to registry");
    }
    RegistryRepository source = RegistryRepository.of(tags.get(0));
    MergedIndex index = merge(source, sources, exportAttributes);
    push(index, source, tags);
    return index;
  }

  /** The merged index of {@code sources}, read from {@code repository}; nothing is pushed. */
  public MergedIndex merge(RegistryRepository repository, List<MergeSource> sources, Map<String, String> exportAttributes) {
    return IndexMerger.merge(sources, exportAttributes, new ContentReader() {
      @Override
      public ManifestContent manifest(Descriptor descriptor) {
        return client.fetchManifest(repository, descriptor.digest());
      }

      @Override
      public byte[] blob(Descriptor descriptor) {
        return client.fetchBlob(repository, descriptor.digest());
      }
    });
  }

  /** Pushes {@code index} under each tag ({@code latest} for a name without one). */
  public void push(MergedIndex index, RegistryRepository source, List<ImageReference> tags) {
    for (ImageReference tag : tags) {
      RegistryRepository target = RegistryRepository.of(tag);
      if (!target.equals(source)) {
        for (MergedChild child : index.children()) {
          copyManifest(source, target, child.descriptor());
        }
      }
      client.pushManifest(target, tag.tag() == null ? DEFAULT_TAG : tag.tag(), index.mediaType(), index.bytes());
    }
  }

  /** Makes a manifest (with its blobs) or index (with its entries) of {@code from} available in {@code to}. */
  private void copyManifest(RegistryRepository from, RegistryRepository to, Descriptor descriptor) {
    if (client.manifestExists(to, descriptor.digest())) {
      return;
    }
    ManifestContent content = client.fetchManifest(from, descriptor.digest());
    JsonNode json = RegistryJson.read(content.bytes(), "the manifest " + descriptor.digest() + " of " + from);
    if (MediaTypes.isIndex(content.mediaType())) {
      for (JsonNode entry : json.path("manifests")) {
        copyManifest(from, to, RegistryJson.convert(entry, Descriptor.class, "an entry of " + descriptor.digest()));
      }
    } else {
      for (Descriptor blob : blobsOf(json, descriptor.digest())) {
        client.copyBlob(from, to, blob.digest(), blob.size());
      }
    }
    client.pushManifest(to, descriptor.digest(), content.mediaType(), content.bytes());
  }

  /** The config and layers; layers with URLs live outside the registry (foreign layers) and stay there. */
  private static List<Descriptor> blobsOf(JsonNode manifest, String digest) {
    List<Descriptor> blobs = new ArrayList<>();
    blobs.add(RegistryJson.convert(manifest.path("config"), Descriptor.class, "the config of " + digest));
    for (JsonNode layer : manifest.path("layers")) {
      Descriptor descriptor = RegistryJson.convert(layer, Descriptor.class, "a layer of " + digest);
      if (descriptor.urls().isEmpty()) {
        blobs.add(descriptor);
      }
    }
    return blobs;
  }
}
