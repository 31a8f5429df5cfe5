package dev.kbuildx.driver.remote;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

/**
 * A self-signed key pair made with the JDK's keytool, for TLS tests, written as the PEM files a
 * user would hand kbuildx.
 *
 * @param certificatePem the certificate, which also serves as its own CA
 * @param keyPem the private key, PKCS#8
 */
public record TestCertificates(X509Certificate certificate, PrivateKey key, Path certificatePem, Path keyPem) {
  private static final char[] PASSWORD = "kbuildx-test".toCharArray();

  /** @param subjectAltNames keytool's SAN list, e.g. {@code dns:localhost,ip:127.0.0.1} */
  public static TestCertificates create(Path dir, String name, String subjectAltNames) throws IOException, InterruptedException {
    Path keystore = dir.resolve(name + ".p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", name,
        "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name, "-ext", "SAN=" + subjectAltNames,
        "-validity", "2", "-keystore", keystore.toString(), "-storetype", "PKCS12",
        "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)))
        .redirectErrorStream(true)
        .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IOException("keytool failed: " + output);
    }
    try (InputStream in = Files.newInputStream(keystore)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, PASSWORD);
      X509Certificate certificate = (X509Certificate) store.getCertificate(name);
      PrivateKey key = (PrivateKey) store.getKey(name, PASSWORD);
      Path certificatePem = Files.writeString(dir.resolve(name + "-cert.pem"), pem("CERTIFICATE", certificate.getEncoded()));
      Path keyPem = Files.writeString(dir.resolve(name + "-key.pem"), pem("PRIVATE KEY", key.getEncoded()));
      return new TestCertificates(certificate, key, certificatePem, keyPem);
    } catch (GeneralSecurityException e) {
      throw new IOException(e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
