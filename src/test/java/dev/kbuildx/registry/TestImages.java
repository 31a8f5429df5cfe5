package dev.kbuildx.registry;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Tiny single-platform images crafted for registry tests: a random layer, a config and a manifest. */
final class TestImages {

  /** A pushed image manifest and its config's digest. */
  record Pushed(Descriptor manifest, String configDigest, String layerDigest) {}

  private final RegistryClient client;

  TestImages(RegistryClient client) {
    this.client = client;
  }

  /** Pushes an image for {@code os/arch} in Docker's v2 format ({@code docker}) or the OCI one, by digest. */
  Pushed push(RegistryRepository repository, String os, String arch, boolean docker) {
    byte[] layer = ("layer " + os + "/" + arch + " " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
    String layerDigest = client.pushBlob(repository, layer);
    byte[] config = ("{\"architecture\":\"" + arch + "\",\"os\":\"" + os + "\",\"rootfs\":{\"type\":\"layers\","
        + "\"diff_ids\":[\"" + layerDigest + "\"]}}").getBytes(StandardCharsets.UTF_8);
    String configDigest = client.pushBlob(repository, config);
    String mediaType = docker ? MediaTypes.DOCKER_MANIFEST : MediaTypes.OCI_MANIFEST;
    byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + mediaType + "\","
        + "\"config\":{\"mediaType\":\"" + (docker ? MediaTypes.DOCKER_CONFIG : MediaTypes.OCI_CONFIG) + "\","
        + "\"digest\":\"" + configDigest + "\",\"size\":" + config.length + "},"
        + "\"layers\":[{\"mediaType\":\"" + (docker ? MediaTypes.DOCKER_LAYER : MediaTypes.OCI_LAYER) + "\","
        + "\"digest\":\"" + layerDigest + "\",\"size\":" + layer.length + "}]}").getBytes(StandardCharsets.UTF_8);
    String digest = client.pushManifest(repository, Digests.sha256(manifest), mediaType, manifest);
    return new Pushed(Descriptor.of(mediaType, digest, manifest.length), configDigest, layerDigest);
  }

  /** Pushes a one-entry index (as a node of a multi-node build does) around {@code image}, by digest. */
  Descriptor pushIndex(RegistryRepository repository, String indexMediaType, Pushed image, String os, String arch) {
    byte[] index = ("{\"schemaVersion\":2,\"mediaType\":\"" + indexMediaType + "\",\"manifests\":[{"
        + "\"mediaType\":\"" + image.manifest().mediaType() + "\",\"digest\":\"" + image.manifest().digest() + "\","
        + "\"size\":" + image.manifest().size() + ",\"platform\":{\"architecture\":\"" + arch + "\",\"os\":\"" + os
        + "\"}}]}").getBytes(StandardCharsets.UTF_8);
    String digest = client.pushManifest(repository, Digests.sha256(index), indexMediaType, index);
    return Descriptor.of(indexMediaType, digest, index.length);
  }
}
