package dev.kbuildx.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A certificate authority made for one test with the JDK's keytool, and a server certificate for
 * {@code 127.0.0.1} it signed: what a company registry with its own CA looks like.
 */
final class TestCertificateAuthority {
  static final String PASSWORD = "kbuildx-test-store";

  private final Path folder;

  private TestCertificateAuthority(Path folder) {
    this.folder = folder;
  }

  /** Makes the CA and the server's key and certificate chain in {@code folder}. */
  static TestCertificateAuthority create(Path folder) {
    TestCertificateAuthority authority = new TestCertificateAuthority(folder);
    authority.keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=kbuildx test CA", "-ext", "bc:c", "-validity", "2", "-keystore", "ca.p12");
    authority.keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-file", "ca.pem");
    authority.keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=127.0.0.1", "-validity", "2", "-keystore", "server.p12");
    authority.keytool("-certreq", "-alias", "server", "-keystore", "server.p12", "-file", "server.csr");
    authority.keytool("-gencert", "-alias", "ca", "-keystore", "ca.p12", "-infile", "server.csr", "-rfc",
        "-outfile", "server.pem", "-ext", "san=ip:127.0.0.1", "-validity", "2");
    authority.keytool("-importcert", "-noprompt", "-alias", "ca", "-file", "ca.pem", "-keystore", "server.p12");
    authority.keytool("-importcert", "-alias", "server", "-file", "server.pem", "-keystore", "server.p12");
    return authority;
  }

  /** The CA certificate, PEM. */
  String caPem() {
    try {
      return Files.readString(folder.resolve("ca.pem"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A PKCS#12 store with the server's key and its certificate signed by the CA, password {@value #PASSWORD}. */
  Path serverKeyStore() {
    return folder.resolve("server.p12");
  }

  private void keytool(String... arguments) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    command.addAll(List.of(arguments));
    command.addAll(List.of("-storepass", PASSWORD, "-storetype", "PKCS12"));
    try {
      Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        throw new IllegalStateException("keytool " + arguments[0] + " failed: " + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running keytool", e);
    }
  }
}
