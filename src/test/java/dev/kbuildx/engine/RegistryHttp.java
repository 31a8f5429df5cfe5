package dev.kbuildx.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Reads what a plain-HTTP test registry holds, for assertions. */
public final class RegistryHttp {
  private static final String MANIFEST_TYPES = String.join(", ",
      "application/vnd.oci.image.manifest.v1+json",
      "application/vnd.oci.image.index.v1+json",
      "application/vnd.docker.distribution.manifest.v2+json",
      "application/vnd.docker.distribution.manifest.list.v2+json");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NORMAL).build();

  private RegistryHttp() {}

  /** The manifest (or index) {@code ref} (tag or digest) of {@code repository} in {@code registry}. */
  public static RegistryManifest manifest(String registry, String repository, String ref) {
    HttpResponse<byte[]> answer = get(registry, "/v2/" + repository + "/manifests/" + ref, MANIFEST_TYPES,
        "manifest " + repository + ":" + ref);
    return new RegistryManifest(answer.headers().firstValue("Content-Type").orElse(""),
        answer.headers().firstValue("Docker-Content-Digest").orElse(""), answer.body());
  }

  /** A blob of {@code repository}, such as a layer. */
  public static byte[] blob(String registry, String repository, String digest) {
    return get(registry, "/v2/" + repository + "/blobs/" + digest, "*/*", "blob " + repository + "@" + digest).body();
  }

  /** @param what what is read, for the failure message, such as {@code manifest app:1} */
  private static HttpResponse<byte[]> get(String registry, String path, String accept, String what) {
    URI uri = URI.create("http://" + registry + path);
    HttpRequest request = HttpRequest.newBuilder(uri).header("Accept", accept).timeout(Duration.ofSeconds(30)).GET()
        .build();
    HttpResponse<byte[]> answer;
    try {
      answer = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + uri + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading " + uri, e);
    }
    if (answer.statusCode() != 200) {
      throw new AssertionError("registry " + registry + " answered " + answer.statusCode() + " for " + what + ": "
          + new String(answer.body(), StandardCharsets.UTF_8));
    }
    return answer;
  }
}
