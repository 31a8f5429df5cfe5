package dev.kbuildx.maven;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.KbuildxException;
import dev.kbuildx.SettingKey;
import dev.kbuildx.buildkit.session.SecretSource;
import dev.kbuildx.options.DriverOptionsCsv;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * A build secret whose value is the password of a {@code settings.xml} server, declared as
 * {@code id=<secret id>,server=<server id>}; an encrypted password is decrypted first. It lets a
 * build use a token that Maven already keeps, without copying it to a file or a variable.
 *
 * @param id the id that {@code RUN --mount=type=secret,id=...} asks for
 * @param serverId the {@code <id>} of the server in {@code settings.xml}
 */
record ServerSecret(String id, String serverId) {
  static final String ACCEPTED = "a settings.xml server secret is id=<secret id>,server=<server id>";

  /**
   * The server secret that {@code spec} declares, or empty when it declares another kind of
   * secret (or is malformed), which the build's own secret parser then reads or reports.
   */
  static Optional<ServerSecret> parse(String spec) {
    Map<String, String> fields;
    try {
      fields = DriverOptionsCsv.parse(spec == null ? "" : spec.trim());
    } catch (InvalidSettingException e) {
      return Optional.empty();
    }
    Map<String, String> byKey = new LinkedHashMap<>();
    fields.forEach((key, value) -> byKey.put(key.trim().toLowerCase(Locale.ROOT), value.trim()));
    if (!byKey.containsKey("server")) {
      return Optional.empty();
    }
    String id = byKey.remove("id");
    String serverId = byKey.remove("server");
    if (!byKey.isEmpty()) {
      throw invalid(spec, "unknown field " + byKey.keySet().iterator().next() + "; " + ACCEPTED);
    }
    if (id == null || id.isEmpty() || serverId.isEmpty()) {
      throw invalid(spec, ACCEPTED);
    }
    return Optional.of(new ServerSecret(id, serverId));
  }

  /** The decrypted password of the server, as a secret that never prints it. */
  SecretSource resolve(Settings settings, SettingsDecrypter decrypter) {
    Server server = settings.getServers().stream()
        .filter(candidate -> serverId.equals(candidate.getId()))
        .findFirst()
        .orElseThrow(() -> invalid("id=" + id + ",server=" + serverId,
            "settings.xml has no server with the id \"" + serverId + "\""));
    String password = ServerDecryption.decrypt(decrypter, server, KbuildxException::new).getPassword();
    if (password == null || password.isEmpty()) {
      throw invalid("id=" + id + ",server=" + serverId,
          "the settings.xml server \"" + serverId + "\" has no password");
    }
    return new SecretSource.FromValue("settings.xml server " + serverId, password.getBytes(StandardCharsets.UTF_8));
  }

  private static InvalidSettingException invalid(String spec, String problem) {
    return InvalidSettingException.setting(SettingKey.SECRETS.key(), spec, problem);
  }
}
