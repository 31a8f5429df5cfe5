package dev.kbuildx.transport;

import dev.kbuildx.InvalidSettingException;
import io.grpc.netty.GrpcSslContexts;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * PEM files for a TLS connection to a daemon, named like buildx's remote driver options.
 *
 * @param caCert the CA that signed the daemon's certificate; null trusts the JDK's CAs
 * @param cert the client certificate for mutual TLS, or null
 * @param key the client certificate's private key (PKCS#8 PEM), or null
 * @param serverName the name the daemon's certificate must carry, or null for the endpoint's host
 */
public record TlsFiles(Path caCert, Path cert, Path key, String serverName) {
  public static final String CA_CERT = "cacert";
  public static final String CERT = "cert";
  public static final String KEY = "key";

  /** The client context for gRPC (HTTP/2 ALPN included), with the JDK's TLS provider. */
  public SslContext grpcContext() {
    return build(GrpcSslContexts.configure(SslContextBuilder.forClient(), SslProvider.JDK));
  }

  /** A JDK context for TLS sockets, for protocols other than gRPC (the Docker Engine API). */
  public SSLContext socketContext() {
    return ((JdkSslContext) build(SslContextBuilder.forClient().sslProvider(SslProvider.JDK))).context();
  }

  private SslContext build(SslContextBuilder builder) {
    if ((cert == null) != (key == null)) {
      Path given = cert == null ? key : cert;
      throw InvalidSettingException.driverOption(cert == null ? KEY : CERT, given.toString(),
          "a client certificate needs both cert and key");
    }
    try {
      if (caCert != null) {
        builder.trustManager(readable(CA_CERT, caCert).toFile());
      }
    } catch (IllegalArgumentException e) {
      throw unusable(CA_CERT, caCert, e);
    }
    try {
      if (cert != null) {
        builder.keyManager(readable(CERT, cert).toFile(), readable(KEY, key).toFile());
      }
    } catch (IllegalArgumentException e) {
      boolean certificateProblem = String.valueOf(e.getMessage()).contains("certificate");
      throw unusable(certificateProblem ? CERT : KEY, certificateProblem ? cert : key, e);
    }
    try {
      return builder.build();
    } catch (SSLException e) {
      throw unusable(caCert != null ? CA_CERT : CERT, caCert != null ? caCert : cert, e);
    }
  }

  /** Netty's messages here are about parsing and name the file, never quote its contents. */
  private static InvalidSettingException unusable(String option, Path file, Exception cause) {
    return InvalidSettingException.driverOption(option, String.valueOf(file),
        "the file could not be used (" + cause.getMessage() + "); certificates must be X.509 PEM and the key "
            + "unencrypted PKCS#8 PEM (openssl pkcs8 -topk8 -nocrypt converts other keys)");
  }

  private static Path readable(String option, Path path) {
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      throw InvalidSettingException.driverOption(option, path.toString(), "the path must name a readable PEM file");
    }
    return path;
  }
}
