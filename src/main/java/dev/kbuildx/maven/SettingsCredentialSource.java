package dev.kbuildx.maven;

import dev.kbuildx.registry.CredentialSource;
import dev.kbuildx.registry.RegistryCredentials;
import dev.kbuildx.registry.RegistryCredentialsException;
import dev.kbuildx.registry.RegistryHosts;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * Registry credentials from the {@code <servers>} of Maven's {@code settings.xml}: the server
 * whose id is the registry host, with its port and then without it ({@code docker.io},
 * {@code index.docker.io} or {@code registry-1.docker.io} for Docker Hub). Passwords encrypted
 * with {@code mvn --encrypt-password} are decrypted.
 */
public final class SettingsCredentialSource implements CredentialSource {

  private final Settings settings;
  private final SettingsDecrypter decrypter;

  public SettingsCredentialSource(Settings settings, SettingsDecrypter decrypter) {
    this.settings = settings;
    this.decrypter = decrypter;
  }

  @Override
  public String description() {
    return "Maven settings.xml servers";
  }

  @Override
  public Optional<RegistryCredentials> lookup(String host) {
    for (String id : RegistryHosts.serverIds(host)) {
      Optional<Server> server = serverWithCredentials(id);
      if (server.isPresent()) {
        return Optional.of(credentialsOf(decrypt(server.get())));
      }
    }
    return Optional.empty();
  }

  /** Server ids are compared ignoring case, as host names are. */
  private Optional<Server> serverWithCredentials(String id) {
    return settings.getServers().stream()
        .filter(server -> id.equalsIgnoreCase(server.getId()))
        .filter(server -> notEmpty(server.getUsername()) || notEmpty(server.getPassword()))
        .findFirst();
  }

  private Server decrypt(Server server) {
    SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
    List<SettingsProblem> errors = result.getProblems().stream()
        .filter(problem -> problem.getSeverity() != SettingsProblem.Severity.WARNING)
        .collect(Collectors.toList());
    if (!errors.isEmpty()) {
      String reasons = errors.stream()
          .map(problem -> withoutPassword(problem.getMessage(), server.getPassword()))
          .collect(Collectors.joining("; "));
      throw new RegistryCredentialsException("cannot decrypt the password of the settings.xml server \""
          + server.getId() + "\": " + reasons
          + ". Check the master password in settings-security.xml and the server's encrypted password");
    }
    return result.getServer();
  }

  /**
   * Decrypter messages may quote the encrypted value, which is no message material either; the
   * trailing period goes as the message continues.
   */
  private static String withoutPassword(String message, String password) {
    if (message == null) {
      return "unknown problem";
    }
    String cleaned = notEmpty(password) ? message.replace(password, "(password)") : message;
    return cleaned.endsWith(".") ? cleaned.substring(0, cleaned.length() - 1) : cleaned;
  }

  private static RegistryCredentials credentialsOf(Server server) {
    return new RegistryCredentials(orEmpty(server.getUsername()), orEmpty(server.getPassword()));
  }

  private static boolean notEmpty(String value) {
    return value != null && !value.isEmpty();
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
