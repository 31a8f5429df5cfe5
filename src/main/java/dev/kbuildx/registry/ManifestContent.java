package dev.kbuildx.registry;

/**
 * A manifest or index as a registry stores it.
 *
 * @param mediaType the registry's {@code Content-Type}, or the {@code mediaType} field of the JSON
 * @param bytes exactly the stored bytes, which {@code digest} is over
 */
public record ManifestContent(String mediaType, byte[] bytes, String digest) {

  @Override
  public String toString() {
    return "ManifestContent[mediaType=" + mediaType + ", digest=" + digest + ", " + bytes.length + " bytes]";
  }
}
