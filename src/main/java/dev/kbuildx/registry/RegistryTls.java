package dev.kbuildx.registry;

import dev.kbuildx.KbuildxException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/** The TLS trust of one registry host: the system's authorities plus the host's own, or none at all. */
final class RegistryTls {

  private RegistryTls() {}

  /** Trusts the system's certificate authorities and {@code pems}, as BuildKit adds a registry's ca files to the system pool. */
  static SSLContext trusting(List<String> pems, String host) {
    try {
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      int index = 0;
      for (X509Certificate system : systemTrust().getAcceptedIssuers()) {
        trusted.setCertificateEntry("system-" + index++, system);
      }
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (String pem : pems) {
        Collection<? extends Certificate> certificates;
        try {
          certificates = factory.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
          throw new KbuildxException("a ca file of registry " + host + " in the builder's buildkitd config is not a"
              + " PEM certificate (" + e.getMessage() + "); give the registry's CA certificate in PEM form");
        }
        for (Certificate certificate : certificates) {
          trusted.setCertificateEntry("ca-" + index++, certificate);
        }
      }
      TrustManagerFactory factoryOfHost = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factoryOfHost.init(trusted);
      return context(factoryOfHost.getTrustManagers());
    } catch (GeneralSecurityException | IOException e) {
      throw new KbuildxException("cannot set up the TLS trust for registry " + host + ": " + e.getMessage(), e);
    }
  }

  /**
   * Accepts any certificate for any name. An {@link X509ExtendedTrustManager} does its own host name
   * check, so skipping it here skips that too, as {@code insecure = true} asks.
   */
  static SSLContext trustingAnyCertificate() {
    return context(new TrustManager[] {new AnyCertificate()});
  }

  private static X509TrustManager systemTrust() throws GeneralSecurityException {
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init((KeyStore) null);
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new GeneralSecurityException("the JDK has no X.509 trust manager");
  }

  private static SSLContext context(TrustManager[] trust) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new KbuildxException("the JDK cannot set up TLS: " + e.getMessage(), e);
    }
  }

  private static final class AnyCertificate extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
