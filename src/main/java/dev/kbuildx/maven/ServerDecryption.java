package dev.kbuildx.maven;

import dev.kbuildx.KbuildxException;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/** Decrypts a {@code settings.xml} server's password ({@code mvn --encrypt-password}); plain ones pass as they are. */
final class ServerDecryption {

  private ServerDecryption() {}

  /**
   * The server with its password decrypted. A failure is reported through {@code failure}, with a
   * message that names the server and never the password, encrypted or not.
   */
  static Server decrypt(SettingsDecrypter decrypter, Server server,
      Function<String, ? extends KbuildxException> failure) {
    SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
    List<SettingsProblem> errors = result.getProblems().stream()
        .filter(problem -> problem.getSeverity() != SettingsProblem.Severity.WARNING)
        .collect(Collectors.toList());
    if (!errors.isEmpty()) {
      String reasons = errors.stream()
          .map(problem -> withoutPassword(problem.getMessage(), server.getPassword()))
          .collect(Collectors.joining("; "));
      throw failure.apply("cannot decrypt the password of the settings.xml server \"" + server.getId() + "\": "
          + reasons + ". Check the master password in settings-security.xml and the server's encrypted password");
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
    String cleaned = password != null && !password.isEmpty() ? message.replace(password, "(password)") : message;
    return cleaned.endsWith(".") ? cleaned.substring(0, cleaned.length() - 1) : cleaned;
  }
}
