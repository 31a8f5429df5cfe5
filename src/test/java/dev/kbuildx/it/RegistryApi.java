package dev.kbuildx.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Reads of a plain-HTTP registry's API for verify scripts, which assert on what the registry holds. */
public final class RegistryApi {
  public static final List<String> INDEX_TYPES = List.of("application/vnd.oci.image.index.v1+json",
      "application/vnd.docker.distribution.manifest.list.v2+json");
  public static final List<String> MANIFEST_TYPES = List.of("application/vnd.oci.image.manifest.v1+json",
      "application/vnd.docker.distribution.manifest.v2+json");

  /** One 200 answer: its content type, its {@code Docker-Content-Digest} and its bytes (fields, for Groovy). */
  public static final class Answer {
    public final String type;
    public final String digest;
    public final byte[] body;

    Answer(String type, String digest, byte[] body) {
      this.type = type;
      this.digest = digest;
      this.body = body;
    }
  }

  private final String registry;
  private final String repository;

  public RegistryApi(String registry, String repository) {
    this.registry = registry;
    this.repository = repository;
  }

  /** GETs {@code /v2/<repository>/<path>}; anything but 200 fails with the registry's answer. */
  public Answer get(String path, List<String> accept) {
    try {
      HttpURLConnection connection = (HttpURLConnection) URI.create("http://" + registry + "/v2/" + repository + "/"
          + path).toURL().openConnection();
      accept.forEach(type -> connection.addRequestProperty("Accept", type));
      int status = connection.getResponseCode();
      InputStream stream = status < 400 ? connection.getInputStream() : connection.getErrorStream();
      byte[] body = stream == null ? new byte[0] : stream.readAllBytes();
      if (status != 200) {
        throw new AssertionError("GET " + path + " answered " + status + ": " + new String(body, StandardCharsets.UTF_8));
      }
      return new Answer(connection.getContentType(), connection.getHeaderField("Docker-Content-Digest"), body);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot GET " + path + " from " + registry, e);
    }
  }
}
