package dev.kbuildx.real;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kbuildx.engine.RegistryHttp;
import dev.kbuildx.engine.RegistryManifest;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** What the real cluster's pod registry holds, read over plain HTTP from this machine. */
public final class PodRegistry {
  private static final int TAR_BLOCK = 512;

  private final String registry;

  /** @param registry {@code host:port}, such as {@link RealCluster#podRegistry()} */
  public PodRegistry(String registry) {
    this.registry = registry;
  }

  /** The manifest (or index) {@code ref}, a tag or digest, of {@code repository}. */
  public RegistryManifest manifest(String repository, String ref) {
    return new RegistryHttp(registry).manifest(repository, ref);
  }

  /**
   * The regular files of an image's layers, by path, as text; later layers win. Of an index, the
   * first image that is not an attestation ({@code unknown/unknown}).
   */
  public Map<String, String> files(String repository, String ref) {
    JsonNode manifest = manifest(repository, ref).json();
    for (JsonNode image : manifest.path("manifests")) {
      if (!image.path("platform").path("os").asText().equals("unknown")) {
        return files(repository, image.path("digest").asText());
      }
    }
    Map<String, String> files = new LinkedHashMap<>();
    for (JsonNode layer : manifest.path("layers")) {
      readTar(new RegistryHttp(registry).blob(repository, layer.path("digest").asText()), files);
    }
    return files;
  }

  private static void readTar(byte[] gzippedTar, Map<String, String> files) {
    try (DataInputStream tar = new DataInputStream(new GZIPInputStream(new ByteArrayInputStream(gzippedTar)))) {
      byte[] header = new byte[TAR_BLOCK];
      while (true) {
        tar.readFully(header);
        String name = field(header, 0, 100);
        if (name.isEmpty()) {
          return;
        }
        String prefix = field(header, 345, 155);
        long size = Long.parseLong(field(header, 124, 12).trim(), 8);
        byte[] content = tar.readNBytes((int) size);
        skipPadding(tar, size);
        char type = (char) header[156];
        if (type == '0' || type == 0) {
          files.put((prefix.isEmpty() ? "" : prefix + "/") + name, new String(content, StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("a layer is not a gzipped tar", e);
    }
  }

  private static void skipPadding(InputStream tar, long size) throws IOException {
    long padding = (TAR_BLOCK - size % TAR_BLOCK) % TAR_BLOCK;
    tar.readNBytes((int) padding);
  }

  private static String field(byte[] header, int offset, int length) {
    int end = offset;
    while (end < offset + length && header[end] != 0) {
      end++;
    }
    return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
  }
}
