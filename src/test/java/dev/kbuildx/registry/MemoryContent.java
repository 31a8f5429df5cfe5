package dev.kbuildx.registry;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Manifests and blobs held in memory, addressed by their sha256 digest, for merge tests. */
final class MemoryContent implements ContentReader {
  private final Map<String, ManifestContent> manifests = new HashMap<>();
  private final Map<String, byte[]> blobs = new HashMap<>();

  /** Stores a manifest or index; returns its descriptor without platform. */
  Descriptor manifest(String mediaType, String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    String digest = Digests.sha256(bytes);
    manifests.put(digest, new ManifestContent(mediaType, bytes, digest));
    return Descriptor.of(mediaType, digest, bytes.length);
  }

  Descriptor blob(String mediaType, String content) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    String digest = Digests.sha256(bytes);
    blobs.put(digest, bytes);
    return Descriptor.of(mediaType, digest, bytes.length);
  }

  @Override
  public ManifestContent manifest(Descriptor descriptor) {
    ManifestContent content = manifests.get(descriptor.digest());
    if (content == null) {
      throw new AssertionError("no manifest " + descriptor.digest());
    }
    return content;
  }

  @Override
  public byte[] blob(Descriptor descriptor) {
    byte[] content = blobs.get(descriptor.digest());
    if (content == null) {
      throw new AssertionError("no blob " + descriptor.digest());
    }
    return content;
  }
}
