package dev.kbuildx.transport;

import io.grpc.Status;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.ssl.NotSslRecordException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import javax.net.ssl.SSLException;

/**
 * Turns what gRPC, Netty and the JDK's TLS report about a failed call into a {@link
 * DaemonConnectionException} that names the endpoint, says what happened in plain words and what to
 * do. Failures that are not about the connection (a build step that failed, say) are left alone.
 */
final class ConnectionFailures {
  static final String TLS_OPTIONS = "cacert, cert, key and servername";
  private static final String NOT_SETTINGS = "First received frame was not SETTINGS";
  private static final String HTTP_STATUS = "HTTP status code";
  private static final int SHOWN_BYTES = 16;
  private static final String CLOSED = " closed the connection";

  private ConnectionFailures() {}

  /**
   * The connection failure that {@code status} reports, if it is one.
   *
   * @param connection what is known about the connection the call ran on
   * @param limit how long the call was allowed to take, or null when it had no deadline
   * @param established whether gRPC ever had a working HTTP/2 connection to the daemon
   */
  static Optional<DaemonConnectionException> explain(Status status, Connection connection, Duration limit,
      boolean established) {
    String endpoint = connection.endpoint();
    Throwable cause = status.getCause();
    TlsFiles tls = connection.tls();
    if (tls != null && has(cause, SSLException.class::isInstance)) {
      return Optional.of(tlsFailure(endpoint, tls, cause));
    }
    if (has(cause, e -> e instanceof Http2Exception && String.valueOf(e.getMessage()).startsWith(NOT_SETTINGS))) {
      return Optional.of(notBuildkit(endpoint, "it answered " + firstWords(connection.firstBytes()), cause));
    }
    String description = String.valueOf(status.getDescription());
    if (status.getCode() == Status.Code.UNIMPLEMENTED && description.startsWith(HTTP_STATUS)) {
      return Optional.of(notBuildkit(endpoint, "it answered HTTP/2 with " + description.lines().findFirst().orElse("")
          + " instead of gRPC", cause));
    }
    if (status.getCode() == Status.Code.UNIMPLEMENTED
        && (description.startsWith("unknown service ") || description.startsWith("Method not found: "))) {
      return Optional.of(notBuildkit(endpoint, "it does not serve BuildKit's Control API (" + description + ")",
          cause));
    }
    if (status.getCode() == Status.Code.DEADLINE_EXCEEDED && !established && limit != null) {
      String silence = connection.streamOpened() && connection.firstBytes() == null
          ? ": it accepted the connection but sent nothing back" : "";
      return Optional.of(new DaemonConnectionException(endpoint + " did not answer within " + seconds(limit)
          + silence, "Check that the address is a BuildKit daemon that runs; if it is only slow, raise the limit"
          + " with connectTimeout (-Dkbuildx.connectTimeout=<seconds>)", status.asRuntimeException()));
    }
    boolean connectionLost = status.getCode() == Status.Code.UNAVAILABLE
        || status.getCode() == Status.Code.UNKNOWN && cause instanceof ClosedChannelException;
    if (!connectionLost) {
      return Optional.empty();
    }
    if (tls == null && connection.streamOpened() && connection.firstBytes() == null && connection.answersTls()) {
      return Optional.of(new DaemonConnectionException(endpoint + " speaks TLS, but no TLS options are set",
          "Set the driver options cacert (the CA of the daemon's certificate), and cert and key when the daemon"
              + " asks for a client certificate", cause));
    }
    String trouble = connection.trouble();
    if (tls != null && tls.cert() == null && !established && trouble != null
        && trouble.startsWith(closed(endpoint))) {
      // With TLS 1.3 the daemon refuses a missing client certificate after the handshake, often by just hanging up.
      return Optional.of(clientCertificateRefused(endpoint, tls, cause));
    }
    if (trouble == null) {
      trouble = "the connection to " + endpoint + " failed"
          + (status.getDescription() == null ? "" : ": " + status.getDescription())
          + (cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
    return Optional.of(new DaemonConnectionException(trouble, "Check that the BuildKit daemon runs and is"
        + " reachable (its log tells why it stopped), then build again", cause));
  }

  /** Why a stream to {@code endpoint} broke, in plain words: resets and broken pipes are the daemon hanging up. */
  static String lost(String endpoint, Throwable failure) {
    String message = describe(failure);
    if (failure instanceof SocketException && (message.contains("reset") || message.contains("Broken pipe"))) {
      return closed(endpoint) + " (" + message.toLowerCase(Locale.ROOT) + ")";
    }
    return "the connection to " + endpoint + " failed: " + message;
  }

  /** A stream that the daemon ended. */
  static String closed(String endpoint) {
    return endpoint + CLOSED;
  }

  static String describe(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  private static DaemonConnectionException tlsFailure(String endpoint, TlsFiles tls, Throwable cause) {
    if (has(cause, NotSslRecordException.class::isInstance)) {
      return new DaemonConnectionException(endpoint + " does not speak TLS",
          "Remove the TLS driver options (" + TLS_OPTIONS + "), or give the daemon a certificate (buildkitd"
              + " --tlscert and --tlskey)", cause);
    }
    if (has(cause, e -> e instanceof CertPathBuilderException || e instanceof CertPathValidatorException)) {
      String trusted = tls.caCert() == null ? "the JDK's trusted CAs" : "the CA in " + tls.caCert();
      return new DaemonConnectionException("the certificate of " + endpoint + " is not trusted by " + trusted,
          "Set the driver option cacert to the certificate of the CA that issued the daemon's certificate"
              + " (buildkitd --tlscert)", cause);
    }
    if (has(cause, e -> e instanceof CertificateException && String.valueOf(e.getMessage()).contains("No "))) {
      return new DaemonConnectionException("the certificate of " + endpoint + " does not name "
          + (tls.serverName() == null ? "its host" : tls.serverName()),
          "Set the driver option servername to a name the certificate carries", cause);
    }
    if (has(cause, e -> String.valueOf(e.getMessage()).contains("certificate_required")
        || String.valueOf(e.getMessage()).contains("bad_certificate"))) {
      return clientCertificateRefused(endpoint, tls, cause);
    }
    return new DaemonConnectionException("TLS with " + endpoint + " failed: " + describe(rootCause(cause)),
        "Check the TLS driver options (" + TLS_OPTIONS + ")", cause);
  }

  private static DaemonConnectionException clientCertificateRefused(String endpoint, TlsFiles tls, Throwable cause) {
    return new DaemonConnectionException(endpoint + " refused the client certificate"
        + (tls.cert() == null ? " (none is set)" : " in " + tls.cert()), "Set the driver options cert and key"
        + " to a certificate that the daemon's client CA (buildkitd --tlscacert) issued", cause);
  }

  private static DaemonConnectionException notBuildkit(String endpoint, String what, Throwable cause) {
    return new DaemonConnectionException(endpoint + " is not a BuildKit daemon: " + what,
        "Check the address: it must be where buildkitd serves gRPC (buildkitd --addr)", cause);
  }

  /** The first line of what the server sent when it is text, such as an HTTP/1.1 status line, else its first bytes. */
  private static String firstWords(byte[] bytes) {
    if (bytes == null) {
      return "with something other than HTTP/2";
    }
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    String line = text.lines().findFirst().orElse("");
    if (!line.isEmpty() && line.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
      return line;
    }
    byte[] shown = Arrays.copyOf(bytes, Math.min(bytes.length, SHOWN_BYTES));
    return "bytes that are not HTTP/2 (hex " + HexFormat.of().formatHex(shown) + ")";
  }

  private static String seconds(Duration limit) {
    long seconds = Math.max(1, Math.round(limit.toMillis() / 1000.0));
    return seconds + (seconds == 1 ? " second" : " seconds");
  }

  private static boolean has(Throwable error, Predicate<Throwable> test) {
    for (Throwable current = error; current != null; current = current.getCause()) {
      if (test.test(current)) {
        return true;
      }
    }
    return false;
  }

  private static Throwable rootCause(Throwable error) {
    Throwable current = error;
    while (current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  /** What the channel knows about its connection to the daemon. */
  interface Connection {
    String endpoint();

    /** The TLS files, or null for cleartext. */
    TlsFiles tls();

    /** Why the last connection could not be made or ended from the daemon's side, or null. */
    String trouble();

    /** Whether a byte stream to the daemon was ever opened. */
    boolean streamOpened();

    /** The first bytes the daemon sent on the latest connection that it sent any on, or null when it never did. */
    byte[] firstBytes();

    /** Whether the endpoint answers a TLS client hello; asked only when a cleartext connection was refused. */
    boolean answersTls();
  }
}
