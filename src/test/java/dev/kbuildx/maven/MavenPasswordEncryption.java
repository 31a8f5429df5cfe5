package dev.kbuildx.maven;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.maven.settings.crypto.DefaultSettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.sonatype.plexus.components.cipher.DefaultPlexusCipher;
import org.sonatype.plexus.components.cipher.PlexusCipherException;
import org.sonatype.plexus.components.sec.dispatcher.DefaultSecDispatcher;

/**
 * Maven's password encryption for tests: a settings-security.xml as
 * {@code mvn --encrypt-master-password} writes it, passwords encrypted as
 * {@code mvn --encrypt-password} does, and Maven's own decrypter.
 */
final class MavenPasswordEncryption {
  static final String MASTER_PASSWORD = "master-pw-for-tests";

  private final DefaultPlexusCipher cipher = new DefaultPlexusCipher();
  private final Path settingsSecurity;

  /** Writes {@code settings-security.xml} into {@code directory}. */
  MavenPasswordEncryption(Path directory) {
    settingsSecurity = directory.resolve("settings-security.xml");
    try {
      // Maven encrypts the master password with this fixed passphrase.
      String master = cipher.encryptAndDecorate(MASTER_PASSWORD, DefaultSecDispatcher.SYSTEM_PROPERTY_SEC_LOCATION);
      Files.writeString(settingsSecurity, "<settingsSecurity><master>" + master + "</master></settingsSecurity>");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (PlexusCipherException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A decrypter that reads the written settings-security.xml. */
  SettingsDecrypter decrypter() {
    return decrypterReading(settingsSecurity);
  }

  SettingsDecrypter decrypterReading(Path securityFile) {
    return new DefaultSettingsDecrypter(new DefaultSecDispatcher(cipher, Map.of(), securityFile.toString()));
  }

  /** {@code password} encrypted with the master password, as settings.xml holds it. */
  String encrypt(String password) {
    return encrypt(password, MASTER_PASSWORD);
  }

  /**
   * {@code password} encrypted with another master password, such that the real one cannot decrypt it. A wrong key
   * still yields valid padding about once in 256 tries (the salt is random), and then "decrypts" to garbage; such
   * draws are skipped so that the test is deterministic.
   */
  String encryptUndecryptably(String password) {
    while (true) {
      String encrypted = encrypt(password, "another-master-password");
      try {
        cipher.decryptDecorated(encrypted, MASTER_PASSWORD);
      } catch (PlexusCipherException expected) {
        return encrypted;
      }
    }
  }

  String encrypt(String password, String masterPassword) {
    try {
      return cipher.encryptAndDecorate(password, masterPassword);
    } catch (PlexusCipherException e) {
      throw new IllegalStateException(e);
    }
  }
}
