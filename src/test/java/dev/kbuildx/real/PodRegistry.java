package dev.kbuildx.real;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kbuildx.engine.RegistryManifest;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** What the real cluster's pod registry holds, read over plain HTTP from this machine. */
public final class PodRegistry {
  private static final String MANIFEST_TYPES = String.join(", ",
      "application/vnd.oci.image.index.v1+json", "application/vnd.oci.image.manifest.v1+json",
      "application/vnd.docker.distribution.manifest.list.v2+json",
      "application/vnd.docker.distribution.manifest.v2+json");
  private static final int TAR_BLOCK = 512;

  private final String registry;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NORMAL).build();

  /** @param registry {@code host:port}, such as {@link RealCluster#podRegistry()} */
  public PodRegistry(String registry) {
    this.registry = registry;
  }

  /** The manifest (or index) {@code ref}, a tag or digest, of {@code repository}. */
  public RegistryManifest manifest(String repository, String ref) {
    HttpResponse<byte[]> answer = get("/v2/" + repository + "/manifests/" + ref, MANIFEST_TYPES);
    return new RegistryManifest(answer.headers().firstValue("Content-Type").orElse(""),
        answer.headers().firstValue("Docker-Content-Digest").orElse(""), answer.body());
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
      byte[] blob = get("/v2/" + repository + "/blobs/" + layer.path("digest").asText(), "*/*").body();
      readTar(blob, files);
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

  private HttpResponse<byte[]> get(String path, String accept) {
    URI uri = URI.create("http://" + registry + path);
    HttpRequest request = HttpRequest.newBuilder(uri).header("Accept", accept).timeout(Duration.ofSeconds(30)).GET()
        .build();
    HttpResponse<byte[]> answer;
    try {
      answer = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + uri + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading " + uri, e);
    }
    if (answer.statusCode() != 200) {
      throw new AssertionError("registry " + registry + " answered " + answer.statusCode() + " for " + path);
    }
    return answer;
  }
}
