package dev.kbuildx.engine;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Docker Engine (whose built-in BuildKit the real-BuildKit tests build with) and the registry
 * that {@code .ci/engine start} runs. Tests get it with {@link #require()}, which fails rather than
 * skips when they are not running: these tests must never pass by not running.
 *
 * <p>The helpers speak HTTP to the engine's unix socket and to the registry, so no Docker CLI is
 * needed. The engine has no bridge network (it runs with {@code --bridge=none} to leave the
 * machine's network alone), so a build whose {@code RUN} steps execute must ask for network mode
 * {@value #BUILD_NETWORK}.
 */
public final class TestEngine {
  /** Name of the variable holding the engine's {@code unix://} address. */
  public static final String DOCKER_HOST_VARIABLE = "KBUILDX_TEST_DOCKER_HOST";
  /** Name of the variable holding the registry's {@code host:port}. */
  public static final String REGISTRY_VARIABLE = "KBUILDX_TEST_REGISTRY";
  /** Name of the variable holding the {@code host:port} of the registry that requires basic auth. */
  public static final String AUTH_REGISTRY_VARIABLE = "KBUILDX_TEST_AUTH_REGISTRY";
  /** Names of the variables holding that registry's test user and password. */
  public static final String AUTH_REGISTRY_USER_VARIABLE = AUTH_REGISTRY_VARIABLE + "_USER";
  public static final String AUTH_REGISTRY_PASSWORD_VARIABLE = AUTH_REGISTRY_VARIABLE + "_PASSWORD";
  /** A busybox image in the engine, with a shell and the usual applets, for Dockerfile {@code RUN} steps. */
  public static final String BASE_IMAGE = "busybox:local";
  /** The network mode ({@code force-network-mode}) under which {@code RUN} steps work on this engine. */
  public static final String BUILD_NETWORK = "none";

  static final String HOW_TO_START = "start the test engine: bash .ci/engine start && eval \"$(bash .ci/engine env)\"";

  private static final String UNIX_SCHEME = "unix://";
  /** Push wants an X-Registry-Auth header even for a registry without auth: an empty credential. */
  private static final String NO_AUTH = Base64.getUrlEncoder().encodeToString("{}".getBytes(StandardCharsets.UTF_8));

  private final String dockerHost;
  private final UnixSocketHttp engine;
  private final String registry;

  private TestEngine(String dockerHost, String registry) {
    this.dockerHost = dockerHost;
    this.engine = new UnixSocketHttp(Path.of(dockerHost.substring(UNIX_SCHEME.length())));
    this.registry = registry;
  }

  /** The engine and registry named by this process's environment; a failed assertion if there are none. */
  public static TestEngine require() {
    return from(System.getenv());
  }

  static TestEngine from(Map<String, String> environment) {
    List<String> missing = Stream.of(DOCKER_HOST_VARIABLE, REGISTRY_VARIABLE)
        .filter(variable -> environment.getOrDefault(variable, "").isBlank())
        .toList();
    if (!missing.isEmpty()) {
      throw new AssertionError("These tests need a Docker Engine and a registry, and " + String.join(" and ", missing)
          + (missing.size() == 1 ? " is" : " are") + " not set; " + HOW_TO_START);
    }
    String dockerHost = environment.get(DOCKER_HOST_VARIABLE);
    if (!dockerHost.startsWith(UNIX_SCHEME) || dockerHost.length() == UNIX_SCHEME.length()) {
      throw new AssertionError(DOCKER_HOST_VARIABLE + " must be unix:///path/to/docker.sock, not " + dockerHost);
    }
    return new TestEngine(dockerHost, environment.get(REGISTRY_VARIABLE));
  }

  /**
   * The registry of {@code .ci/engine} that requires basic auth, with its test user; a failed
   * assertion when its variables are not set.
   */
  public static AuthRegistry requireAuthRegistry() {
    Map<String, String> environment = System.getenv();
    List<String> missing = Stream.of(AUTH_REGISTRY_VARIABLE, AUTH_REGISTRY_USER_VARIABLE, AUTH_REGISTRY_PASSWORD_VARIABLE)
        .filter(variable -> environment.getOrDefault(variable, "").isBlank())
        .toList();
    if (!missing.isEmpty()) {
      throw new AssertionError("These tests need the registry that requires basic auth, and " + String.join(", ", missing)
          + (missing.size() == 1 ? " is" : " are") + " not set; " + HOW_TO_START);
    }
    return new AuthRegistry(environment.get(AUTH_REGISTRY_VARIABLE), environment.get(AUTH_REGISTRY_USER_VARIABLE),
        environment.get(AUTH_REGISTRY_PASSWORD_VARIABLE));
  }

  /**
   * The registry that requires basic auth.
   *
   * @param address its {@code host:port}, such as {@code 127.0.0.1:5001}
   */
  public record AuthRegistry(String address, String user, String password) {
    @Override
    public String toString() {
      return "AuthRegistry[address=" + address + ", user=" + user + ", password=(hidden)]";
    }
  }

  /** The engine's address, {@code unix:///.../docker.sock}. */
  public String dockerHost() {
    return dockerHost;
  }

  /** The registry's {@code host:port}, such as {@code 127.0.0.1:5000}; image names start with it. */
  public String registry() {
    return registry;
  }

  /** A request to the Engine API, such as {@code engineApi("GET", "/version")}; any status is returned. */
  public EngineResponse engineApi(String method, String path) {
    return engine.exchange(method, path, Map.of(), new byte[0]);
  }

  /** The API version the engine reports on {@code /_ping}, such as {@code 1.41}. */
  public String apiVersion() {
    EngineResponse ping = expect(engineApi("GET", "/_ping"), 200, "ping");
    return ping.header("Api-Version").orElseThrow(() -> new AssertionError("the engine's ping has no Api-Version"));
  }

  public boolean imageExists(String name) {
    EngineResponse answer = engineApi("GET", "/images/" + name + "/json");
    if (answer.status() == 404) {
      return false;
    }
    expect(answer, 200, "inspect image " + name);
    return true;
  }

  /** Removes an image (forced, so also when other tags share it); an absent image is fine. */
  public void removeImage(String name) {
    EngineResponse answer = engineApi("DELETE", "/images/" + name + "?force=true");
    if (answer.status() != 404) {
      expect(answer, 200, "remove image " + name);
    }
  }

  /** Gives an image of the engine another name, such as {@code 127.0.0.1:5000/test/busybox:1}. */
  public void tagImage(String source, String target) {
    ImageName name = ImageName.parse(target);
    expect(engineApi("POST", "/images/" + source + "/tag?repo=" + query(name.repository()) + "&tag="
        + query(name.tag())), 201, "tag " + source + " as " + target);
  }

  /** Pushes an image of the engine to the registry its name starts with. */
  public void pushImage(String name) {
    ImageName image = ImageName.parse(name);
    EngineResponse answer = engine.exchange("POST",
        "/images/" + image.repository() + "/push?tag=" + query(image.tag()), Map.of("X-Registry-Auth", NO_AUTH),
        new byte[0]);
    expect(answer, 200, "push " + name);
    // The status is sent before the push runs; a failure comes as an "error" line of the JSON stream.
    for (String line : answer.text().split("\n")) {
      if (line.contains("\"error\"")) {
        throw new AssertionError("push " + name + " failed: " + line);
      }
    }
  }

  /** The manifest (or index) {@code ref} (tag or digest) of {@code repository} in the registry. */
  public RegistryManifest registryManifest(String repository, String ref) {
    return RegistryHttp.manifest(registry, repository, ref);
  }

  private static EngineResponse expect(EngineResponse answer, int status, String action) {
    if (answer.status() != status) {
      throw new AssertionError(action + ": the engine answered " + answer.status() + " " + answer.text().strip());
    }
    return answer;
  }

  private static String query(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** A name split into repository and tag; the tag's colon is the last one after the last slash. */
  private record ImageName(String repository, String tag) {
    static ImageName parse(String name) {
      int colon = name.lastIndexOf(':');
      if (colon <= name.lastIndexOf('/')) {
        return new ImageName(name, "latest");
      }
      return new ImageName(name.substring(0, colon), name.substring(colon + 1));
    }
  }
}
