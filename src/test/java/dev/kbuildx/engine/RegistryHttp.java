package dev.kbuildx.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a plain-HTTP registry without auth holds, read over its HTTP API, so that tests and verify
 * scripts check what a push left without going through kbuildx's own registry client.
 */
public final class RegistryHttp {
  /** The media types of an image index, OCI and Docker. */
  public static final List<String> INDEX_TYPES = List.of("application/vnd.oci.image.index.v1+json",
      "application/vnd.docker.distribution.manifest.list.v2+json");
  /** The media types of a one-platform image manifest, OCI and Docker. */
  public static final List<String> MANIFEST_TYPES = List.of("application/vnd.oci.image.manifest.v1+json",
      "application/vnd.docker.distribution.manifest.v2+json");
  private static final String ANY_MANIFEST = String.join(", ", MANIFEST_TYPES) + ", " + String.join(", ", INDEX_TYPES);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NORMAL).build();

  private final String registry;

  /** @param registry {@code host:port} */
  public RegistryHttp(String registry) {
    this.registry = registry;
  }

  /** The manifest (or index) {@code ref} (tag or digest) of {@code repository}; a failed assertion if absent. */
  public RegistryManifest manifest(String repository, String ref) {
    HttpResponse<byte[]> answer = get("/v2/" + repository + "/manifests/" + ref, ANY_MANIFEST);
    expectFound(answer, "manifest " + repository + ":" + ref);
    return new RegistryManifest(answer.headers().firstValue("Content-Type").orElse(""),
        answer.headers().firstValue("Docker-Content-Digest").orElse(""), answer.body());
  }

  /** The blob {@code digest} of {@code repository}; a failed assertion if absent. */
  public byte[] blob(String repository, String digest) {
    HttpResponse<byte[]> answer = get("/v2/" + repository + "/blobs/" + digest, "*/*");
    expectFound(answer, "blob " + repository + "@" + digest);
    return answer.body();
  }

  /** The blob {@code digest} of {@code repository} as JSON. */
  public JsonNode jsonBlob(String repository, String digest) {
    try {
      return JSON.readTree(blob(repository, digest));
    } catch (IOException e) {
      throw new UncheckedIOException("blob " + repository + "@" + digest + " is not JSON", e);
    }
  }

  /** The tags of {@code repository}; empty when the registry knows no such repository. */
  public List<String> tags(String repository) {
    HttpResponse<byte[]> answer = get("/v2/" + repository + "/tags/list", "application/json");
    List<String> tags = new ArrayList<>();
    if (answer.statusCode() == 404) {
      return tags;
    }
    expectFound(answer, "the tags of " + repository);
    try {
      JSON.readTree(answer.body()).path("tags").forEach(tag -> tags.add(tag.asText()));
    } catch (IOException e) {
      throw new UncheckedIOException("the tag list of " + repository + " is not JSON", e);
    }
    return tags;
  }

  private HttpResponse<byte[]> get(String path, String accept) {
    URI uri = URI.create("http://" + registry + path);
    HttpRequest request = HttpRequest.newBuilder(uri).header("Accept", accept).timeout(Duration.ofSeconds(30))
        .GET().build();
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + uri + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading " + uri, e);
    }
  }

  private void expectFound(HttpResponse<byte[]> answer, String what) {
    if (answer.statusCode() != 200) {
      throw new AssertionError("registry " + registry + " answered " + answer.statusCode() + " for " + what + ": "
          + new String(answer.body(), StandardCharsets.UTF_8));
    }
  }
}
