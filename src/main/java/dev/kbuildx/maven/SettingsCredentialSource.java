package dev.kbuildx.maven;

import dev.kbuildx.registry.CredentialSource;
import dev.kbuildx.registry.RegistryCredentials;
import dev.kbuildx.registry.RegistryCredentialsException;
import dev.kbuildx.registry.RegistryHosts;
import java.util.Optional;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

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
        Server decrypted = ServerDecryption.decrypt(decrypter, server.get(), RegistryCredentialsException::new);
        return Optional.of(credentialsOf(decrypted));
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
