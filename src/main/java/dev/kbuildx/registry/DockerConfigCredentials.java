package dev.kbuildx.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Credentials from a docker {@code config.json}, or from a Kubernetes {@code .dockerconfigjson}
 * (same format). For a host it tries, in order: the {@code auths} entry (base64 {@code auth},
 * {@code username}/{@code password} or {@code identitytoken}); the helper {@code credHelpers}
 * names for the host; the {@code credsStore} helper. Entries without credentials, as
 * the sign-in command leaves them when a credential store keeps the value, fall through to the helpers.
 * The file at the default location is read on the first lookup, so a build that reaches no
 * registry never loads a JSON parser.
 */
public final class DockerConfigCredentials implements CredentialSource {

  private final Path file;
  private final Supplier<ConfigFile> reader;
  private final Function<String, CredentialSource> helpers;
  private ConfigFile config;

  private DockerConfigCredentials(Path file, Supplier<ConfigFile> reader, Function<String, CredentialSource> helpers) {
    this.file = file;
    this.reader = reader;
    this.helpers = helpers;
  }

  /**
   * The user's docker config: {@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}.
   * A missing file has no credentials, as for docker.
   */
  public static DockerConfigCredentials fromEnvironment() {
    return atDefaultLocation(System.getenv(), Path.of(System.getProperty("user.home")),
        ExecutableFinder.fromEnvironment(), CredentialHelper.DEFAULT_TIMEOUT);
  }

  /** As {@link #fromEnvironment()}, with the environment, home folder and helper lookup given. */
  public static DockerConfigCredentials atDefaultLocation(Map<String, String> environment, Path userHome,
      ExecutableFinder executables, Duration helperTimeout) {
    Path file = defaultLocation(environment, userHome);
    return new DockerConfigCredentials(file, () -> Files.exists(file) ? read(file) : ConfigFile.EMPTY,
        helperFactory(executables, helperTimeout));
  }

  /** A config file the user named explicitly, e.g. a mounted pull secret; it must exist. */
  public static DockerConfigCredentials fromFile(Path file, ExecutableFinder executables, Duration helperTimeout) {
    ConfigFile config = read(file);
    return new DockerConfigCredentials(file, () -> config, helperFactory(executables, helperTimeout));
  }

  static Path defaultLocation(Map<String, String> environment, Path userHome) {
    String dockerConfig = environment.get("DOCKER_CONFIG");
    Path directory = dockerConfig == null || dockerConfig.isBlank()
        ? userHome.resolve(".docker")
        : Path.of(dockerConfig);
    return directory.resolve("config.json");
  }

  private static Function<String, CredentialSource> helperFactory(ExecutableFinder executables, Duration timeout) {
    return name -> new CredentialHelper(name, executables, timeout);
  }

  public Path file() {
    return file;
  }

  @Override
  public String description() {
    return "docker config " + file;
  }

  private synchronized ConfigFile config() {
    if (config == null) {
      config = reader.get();
    }
    return config;
  }

  @Override
  public Optional<RegistryCredentials> lookup(String host) {
    Optional<RegistryCredentials> stored = storedEntry(host).flatMap(entry -> credentialsOf(entry.getKey(), entry.getValue()));
    if (stored.isPresent()) {
      return stored;
    }
    return helperName(host).flatMap(name -> askHelper(name, host));
  }

  /** Docker's own order: the exact server address first, then any key naming the same host. */
  private Optional<Map.Entry<String, AuthEntry>> storedEntry(String host) {
    String exact = RegistryHosts.dockerConfigKey(host);
    AuthEntry exactEntry = config().auths().get(exact);
    if (exactEntry != null) {
      return Optional.of(Map.entry(exact, exactEntry));
    }
    String normalized = RegistryHosts.normalize(host);
    return config().auths().entrySet().stream()
        .filter(entry -> entry.getValue() != null && RegistryHosts.normalize(entry.getKey()).equals(normalized))
        .findFirst();
  }

  private Optional<RegistryCredentials> credentialsOf(String key, AuthEntry entry) {
    if (notEmpty(entry.identitytoken())) {
      return Optional.of(RegistryCredentials.identityToken(entry.identitytoken()));
    }
    if (notEmpty(entry.auth())) {
      return Optional.of(decodeAuth(key, entry.auth()));
    }
    if (notEmpty(entry.username()) || notEmpty(entry.password())) {
      return Optional.of(new RegistryCredentials(orEmpty(entry.username()), orEmpty(entry.password())));
    }
    return Optional.empty();
  }

  private RegistryCredentials decodeAuth(String key, String auth) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw malformedAuth(key);
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      throw malformedAuth(key);
    }
    return new RegistryCredentials(decoded.substring(0, colon), decoded.substring(colon + 1));
  }

  private RegistryCredentialsException malformedAuth(String key) {
    return new RegistryCredentialsException(
        "the \"auth\" of \"" + key + "\" in " + file + " is not base64 of username:password");
  }

  private Optional<String> helperName(String host) {
    String normalized = RegistryHosts.normalize(host);
    Optional<String> perHost = config().credHelpers().entrySet().stream()
        .filter(entry -> RegistryHosts.normalize(entry.getKey()).equals(normalized) && notEmpty(entry.getValue()))
        .map(Map.Entry::getValue)
        .findFirst();
    return perHost.or(() -> Optional.ofNullable(config().credsStore()).filter(DockerConfigCredentials::notEmpty));
  }

  private Optional<RegistryCredentials> askHelper(String name, String host) {
    try {
      return helpers.apply(name).lookup(host);
    } catch (RegistryCredentialsException e) {
      throw new RegistryCredentialsException(
          "credentials for " + host + " from " + file + ": " + e.getMessage(), e);
    }
  }

  private static ConfigFile read(Path file) {
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new RegistryCredentialsException("the docker config file " + file + " does not exist");
    } catch (IOException e) {
      throw new RegistryCredentialsException("cannot read the docker config file " + file + ": " + e.getMessage(), e);
    }
    try {
      ConfigFile parsed = RegistryJson.MAPPER.readValue(content, ConfigFile.class);
      return parsed == null ? ConfigFile.EMPTY : parsed.withoutNulls();
    } catch (JacksonException e) {
      // Jackson's message may quote the file's content, which holds secrets: only say where.
      throw new RegistryCredentialsException("the docker config file " + file + " is not valid" + where(e.getLocation()));
    } catch (IOException e) {
      throw new RegistryCredentialsException("the docker config file " + file + " is not valid");
    }
  }

  private static String where(JsonLocation location) {
    return location == null || location.getLineNr() < 1
        ? ""
        : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }

  private static boolean notEmpty(String value) {
    return value != null && !value.isEmpty();
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  private record ConfigFile(Map<String, AuthEntry> auths, Map<String, String> credHelpers, String credsStore) {
    static final ConfigFile EMPTY = new ConfigFile(Map.of(), Map.of(), null);

    ConfigFile withoutNulls() {
      return new ConfigFile(auths == null ? Map.of() : auths, credHelpers == null ? Map.of() : credHelpers, credsStore);
    }
  }

  private record AuthEntry(String auth, String username, String password, String identitytoken) {}
}
