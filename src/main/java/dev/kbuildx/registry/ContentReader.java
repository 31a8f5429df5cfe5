package dev.kbuildx.registry;

/** Where the index merge reads the sources' manifests and image configs from. */
public interface ContentReader {

  /** The manifest or index {@code descriptor} points to. */
  ManifestContent manifest(Descriptor descriptor);

  /** A blob, here an image config. */
  byte[] blob(Descriptor descriptor);
}
