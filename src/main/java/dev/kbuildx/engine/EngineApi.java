package dev.kbuildx.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.KbuildxException;
import dev.kbuildx.registry.ImageReference;
import dev.kbuildx.registry.RegistryCredentials;
import dev.kbuildx.transport.TlsFiles;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The image calls of the Docker Engine API that the docker driver needs besides BuildKit: loading
 * a docker tarball ({@code load=true}) and pushing an image (Docker 20.10's BuildKit cannot push
 * what it exports to the engine's store). The engine is found like {@link EngineEndpoint}
 * finds it.
 *
 * <p>Requests use the API version of the engine's {@code /_ping}, capped at
 * {@value #NEWEST_KNOWN_VERSION}, as the Docker CLI negotiates: an engine understands every version
 * from its minimum up to its own, and newer engines raise the minimum (1.44 for Docker 29), so no
 * fixed old version works everywhere. The calls used here are the same in all of these versions.
 */
public final class EngineApi {
  /** The newest API version whose image calls this client knows; newer engines still serve it. */
  static final String NEWEST_KNOWN_VERSION = "1.47";
  /** What the Docker CLI assumes of an engine whose ping names no version. */
  private static final String VERSION_OF_SILENT_ENGINES = "1.24";
  private static final String PUSH_SETTING = "tags";
  private static final int MAX_ERROR_BODY = 64 * 1024;
  private static final Pattern PATH_SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@-]*");
  private static final Pattern VERSION = Pattern.compile("\\d{1,4}\\.\\d{1,4}");
  private static final Pattern LOADED = Pattern.compile("Loaded image(?: ID)?: (\\S+)");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final EngineEndpoint endpoint;
  private final EngineHttp http;
  private volatile String apiVersion;

  private EngineApi(EngineEndpoint endpoint) {
    this.endpoint = endpoint;
    this.http = new EngineHttp(endpoint);
  }

  /** The engine the environment names for the Docker CLI: {@code DOCKER_HOST}, {@code DOCKER_TLS_VERIFY}, {@code DOCKER_CERT_PATH}. */
  public static EngineApi fromEnvironment(Map<String, String> env) {
    return new EngineApi(EngineEndpoint.fromEnvironment(env));
  }

  /**
   * @param dockerHost {@code unix:///path} or {@code tcp://host[:port]}
   * @param tls TLS files for a {@code tcp://} engine, or null
   */
  public static EngineApi of(String dockerHost, TlsFiles tls) {
    return new EngineApi(EngineEndpoint.of(dockerHost, tls));
  }

  /** The engine's address as given, such as {@code unix:///var/run/docker.sock}. */
  public String endpoint() {
    return endpoint.dockerHost();
  }

  /** The API version the requests use, negotiated with the engine on first use. */
  public String apiVersion() {
    return apiVersion("tell its API version");
  }

  /** @param operation what fails, for the message, when the engine cannot be reached */
  private String apiVersion(String operation) {
    String version = apiVersion;
    if (version == null) {
      version = negotiate(operation);
      apiVersion = version;
    }
    return version;
  }

  /**
   * Loads a docker-format image tarball (as the {@code docker} exporter writes it) into the engine.
   *
   * @return the names the engine reports loading, such as {@code app:1}, or image IDs for images without a name
   */
  public List<String> load(Path dockerTarball) {
    String operation = "load " + dockerTarball.getFileName();
    if (!Files.isRegularFile(dockerTarball)) {
      throw new KbuildxException("cannot " + operation + " into the Docker Engine at " + endpoint() + ": "
          + dockerTarball + " is not a file");
    }
    List<String> loaded = new ArrayList<>();
    try (EngineAnswer answer = call(operation, HttpMethod.POST, "/images/load?quiet=1",
        Map.of(HttpHeaderNames.CONTENT_TYPE.toString(), "application/x-tar"), dockerTarball)) {
      expectSuccess(answer, operation, UnaryOperator.identity());
      readMessages(answer, operation, UnaryOperator.identity(), message -> LOADED
          .matcher(message.path("stream").asText("")).results().forEach(match -> loaded.add(match.group(1))));
    }
    return List.copyOf(loaded);
  }

  /** Pushes without reporting progress; see {@link #push(String, Optional, Consumer)}. */
  public PushedImage push(String reference, Optional<RegistryCredentials> credentials) {
    return push(reference, credentials, line -> { });
  }

  /**
   * Pushes an image of the engine's store to the registry its name starts with.
   *
   * @param reference {@code [registry/]repository[:tag]}; without a tag {@code latest} is pushed (never all tags)
   * @param credentials for that registry; the engine pushes anonymously without
   * @param progress receives a few plain lines on the calling thread, such as
   *     {@code pushing 127.0.0.1:5000/app:1: 5b0d2d635df8: Pushed}
   * @return the digest and size of the manifest the registry now holds
   */
  public PushedImage push(String reference, Optional<RegistryCredentials> credentials, Consumer<String> progress) {
    ImageReference image = ImageReference.parse(reference, PUSH_SETTING);
    if (image.digest() != null) {
      throw InvalidSettingException.setting(PUSH_SETTING, reference, "a pushed name needs a tag, not a digest");
    }
    String tag = image.tag() == null ? "latest" : image.tag();
    String name = image.name() + ":" + tag;
    String operation = "push " + name;
    UnaryOperator<String> redact = redaction(credentials);
    PushProgress lines = new PushProgress(name, progress, redact);
    JsonNode[] result = new JsonNode[1];
    try (EngineAnswer answer = call(operation, HttpMethod.POST,
        "/images/" + pathSafe(image.name()) + "/push?tag=" + query(tag),
        Map.of(RegistryAuthHeader.NAME, RegistryAuthHeader.value(credentials, image.domain())), null)) {
      expectSuccess(answer, operation, redact);
      readMessages(answer, operation, redact, message -> {
        lines.accept(message);
        if (message.path("aux").hasNonNull("Digest")) {
          result[0] = message.get("aux");
        }
      });
    }
    if (result[0] == null) {
      throw failure(operation, "the engine reported no digest of the pushed manifest", null);
    }
    return new PushedImage(name, result[0].get("Digest").asText(), result[0].path("Size").asLong());
  }

  /** Gives the image {@code source} (a name or ID) the name {@code repository:tag}. */
  public void tag(String source, String repository, String tag) {
    String operation = "tag " + source + " as " + repository + ":" + tag;
    try (EngineAnswer answer = call(operation, HttpMethod.POST,
        "/images/" + pathSafe(source) + "/tag?repo=" + query(repository) + "&tag=" + query(tag), Map.of(), null)) {
      expectSuccess(answer, operation, UnaryOperator.identity());
    }
  }

  /**
   * Removes a name from the engine, and the image when no other name keeps it (containers do
   * keep it: no force).
   *
   * @return false when there was no such image
   */
  public boolean remove(String name) {
    String operation = "remove image " + name;
    try (EngineAnswer answer = call(operation, HttpMethod.DELETE, "/images/" + pathSafe(name), Map.of(), null)) {
      if (answer.status() == 404) {
        return false;
      }
      expectSuccess(answer, operation, UnaryOperator.identity());
      return true;
    }
  }

  /** The image a name or ID stands for, or empty when the engine has none. */
  public Optional<EngineImage> inspect(String name) {
    String operation = "inspect image " + name;
    try (EngineAnswer answer = call(operation, HttpMethod.GET, "/images/" + pathSafe(name) + "/json", Map.of(),
        null)) {
      if (answer.status() == 404) {
        return Optional.empty();
      }
      expectSuccess(answer, operation, UnaryOperator.identity());
      JsonNode image = JSON.readTree(answer.body());
      return Optional.of(new EngineImage(image.path("Id").asText(""), texts(image.path("RepoTags")),
          texts(image.path("RepoDigests")), image.path("Architecture").asText(""), image.path("Os").asText(""),
          image.path("Variant").asText("")));
    } catch (IOException e) {
      throw failure(operation, "its answer could not be read: " + EngineHttp.describe(e), e);
    }
  }

  private String negotiate(String operation) {
    try (EngineAnswer answer = http.exchange(HttpMethod.GET, "/_ping", Map.of(), null)) {
      expectSuccess(answer, operation, UnaryOperator.identity());
      String version = answer.header("API-Version").orElse(VERSION_OF_SILENT_ENGINES);
      if (!VERSION.matcher(version).matches()) {
        throw failure(operation, "its ping names the API version \"" + abbreviate(version) + "\", not major.minor",
            null);
      }
      return compareVersions(version, NEWEST_KNOWN_VERSION) < 0 ? version : NEWEST_KNOWN_VERSION;
    } catch (IOException e) {
      throw failure(operation, EngineHttp.describe(e), e);
    }
  }

  private EngineAnswer call(String operation, HttpMethod method, String pathAndQuery, Map<String, String> headers,
      Path body) {
    String uri = "/v" + apiVersion(operation) + pathAndQuery;
    try {
      return http.exchange(method, uri, headers, body);
    } catch (IOException e) {
      throw failure(operation, EngineHttp.describe(e), e);
    }
  }

  /** Refusals come with a small JSON body, {@code {"message":"..."}}. */
  private void expectSuccess(EngineAnswer answer, String operation, UnaryOperator<String> redact) {
    if (answer.status() / 100 == 2) {
      return;
    }
    String detail;
    try {
      byte[] body = answer.body().readNBytes(MAX_ERROR_BODY);
      String text = new String(body, StandardCharsets.UTF_8).strip();
      detail = text.startsWith("{") ? JSON.readTree(body).path("message").asText(text) : text;
    } catch (IOException e) {
      detail = "";
    }
    String message = detail.isEmpty() ? answer.statusText() : detail + " (HTTP " + answer.status() + ")";
    throw failure(operation, redact.apply(abbreviate(message)), null);
  }

  /**
   * Reads the answer's stream of JSON messages. The HTTP status is sent before the work is done,
   * so a failure arrives as a message with {@code error} (and {@code errorDetail}).
   */
  private void readMessages(EngineAnswer answer, String operation, UnaryOperator<String> redact,
      Consumer<JsonNode> handler) {
    try (MappingIterator<JsonNode> messages = JSON.readerFor(JsonNode.class).readValues(answer.body())) {
      while (messages.hasNextValue()) {
        JsonNode message = messages.nextValue();
        if (message.hasNonNull("error") || message.hasNonNull("errorDetail")) {
          String error = message.path("errorDetail").path("message").asText(message.path("error").asText(""));
          throw failure(operation, redact.apply(abbreviate(error)), null);
        }
        handler.accept(message);
      }
    } catch (IOException e) {
      throw failure(operation, "its answer could not be read: " + redact.apply(EngineHttp.describe(e)), e);
    }
  }

  private KbuildxException failure(String operation, String message, Throwable cause) {
    return new KbuildxException("the Docker Engine at " + endpoint() + " could not " + operation + ": " + message,
        cause);
  }

  /** Names go into the request path as they are (the engine's routes take the slashes of repositories). */
  private static String pathSafe(String name) {
    if (!PATH_SAFE_NAME.matcher(name).matches()) {
      throw new KbuildxException("\"" + name + "\" is not an image name or ID");
    }
    return name;
  }

  private static String query(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(item -> texts.add(item.asText()));
    return texts;
  }

  /** Engines echo little of a request, but nothing the engine says may carry the secret further. */
  private static UnaryOperator<String> redaction(Optional<RegistryCredentials> credentials) {
    return credentials.map(RegistryCredentials::secret).filter(secret -> !secret.isEmpty())
        .<UnaryOperator<String>>map(secret -> text -> text.replace(secret, "(hidden)"))
        .orElse(UnaryOperator.identity());
  }

  /** Compares {@code major.minor} versions by number: 1.9 is older than 1.41. */
  static int compareVersions(String left, String right) {
    String[] a = left.split("\\.", 2);
    String[] b = right.split("\\.", 2);
    int major = Integer.compare(Integer.parseInt(a[0]), Integer.parseInt(b[0]));
    return major != 0 ? major : Integer.compare(Integer.parseInt(a[1]), Integer.parseInt(b[1]));
  }

  private static String abbreviate(String text) {
    String line = text.replaceAll("\\s+", " ").strip();
    return line.length() > 500 ? line.substring(0, 500) + "..." : line;
  }
}
