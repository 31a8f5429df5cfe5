package dev.kbuildx.build;

import dev.kbuildx.buildkit.BuildSettingKeys;
import dev.kbuildx.driver.Driver;
import dev.kbuildx.registry.CredentialSource;
import dev.kbuildx.registry.Descriptor;
import dev.kbuildx.registry.ImageReference;
import dev.kbuildx.registry.ManifestContent;
import dev.kbuildx.registry.ManifestListPublisher;
import dev.kbuildx.registry.MergeSource;
import dev.kbuildx.registry.MergedIndex;
import dev.kbuildx.registry.RegistryClient;
import dev.kbuildx.registry.RegistryConfig;
import dev.kbuildx.registry.RegistryRepository;
import java.util.List;
import java.util.Map;

/**
 * Images in their registry after a push: what each platform's manifest is, and the merge of a
 * multi-node build's images into one index pushed to every tag, with kbuildx's own
 * registry client and the build's credentials.
 */
final class PushedImages {
  private final RegistryClient registry;

  /**
   * @param nodes the nodes that pushed: their buildkitd configs' registry sections say how the
   *     registries are reached ({@link BuildkitdRegistries})
   * @param insecure the image output's {@code registry.insecure}: its registries are reached over
   *     plain HTTP, or else HTTPS without certificate checks
   */
  PushedImages(CredentialSource credentials, List<Driver> nodes, boolean insecure, List<String> names) {
    RegistryConfig config = BuildkitdRegistries.of(nodes.stream().map(Driver::buildkitdConfig).toList());
    this.registry = new RegistryClient(credentials, insecure
        ? config.withInsecure(names.stream().map(name -> reference(name).domain()).toList()) : config);
  }

  /** The pushed image's media type and its manifests, one per platform, which {@code node} built. */
  Described describe(String name, String digest, String node) {
    RegistryRepository repository = RegistryRepository.of(reference(name));
    ManifestContent root = registry.fetchManifest(repository, digest);
    MergedIndex flattened = new ManifestListPublisher(registry).merge(repository, List.of(new MergeSource(node,
        Descriptor.of(root.mediaType(), root.digest(), root.bytes().length))), Map.of());
    return new Described(root.mediaType(), manifests(flattened));
  }

  /**
   * Merges the nodes' images, which are in the repository of the first tag, and pushes the index
   * to every tag.
   *
   * @param exportAttributes the image output's attributes, for index and descriptor annotations
   */
  Merged mergeAndPush(List<NodeImage> images, List<String> tags, Map<String, String> exportAttributes) {
    RegistryRepository first = RegistryRepository.of(reference(tags.get(0)));
    List<MergeSource> sources = images.stream().map(image -> new MergeSource(image.node(), descriptor(first, image)))
        .toList();
    MergedIndex merged = new ManifestListPublisher(registry).publish(sources, exportAttributes,
        tags.stream().map(PushedImages::reference).toList());
    return new Merged(merged.digest(), merged.mediaType(), manifests(merged));
  }

  /** A node's image as a descriptor; a Docker Engine's push reports no media type, so the registry tells it. */
  private Descriptor descriptor(RegistryRepository repository, NodeImage image) {
    if (image.mediaType() != null) {
      return Descriptor.of(image.mediaType(), image.digest(), image.size());
    }
    ManifestContent content = registry.fetchManifest(repository, image.digest());
    return Descriptor.of(content.mediaType(), content.digest(), content.bytes().length);
  }

  private static List<PlatformManifest> manifests(MergedIndex index) {
    return index.images().stream()
        .map(child -> new PlatformManifest(child.platform(), child.digest(), child.mediaType(), child.node()))
        .toList();
  }

  private static ImageReference reference(String name) {
    return ImageReference.parse(name, BuildSettingKeys.OUTPUTS);
  }

  /** A pushed image: its root media type and its platforms' manifests. */
  record Described(String mediaType, List<PlatformManifest> manifests) {}

  /** The merged index as pushed. */
  record Merged(String digest, String mediaType, List<PlatformManifest> manifests) {}
}
