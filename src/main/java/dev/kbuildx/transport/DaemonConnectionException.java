package dev.kbuildx.transport;

import dev.kbuildx.KbuildxException;
import java.util.Optional;

/**
 * The connection to a BuildKit daemon failed, or what answered is no BuildKit daemon: the problem in
 * plain words, naming the endpoint, and what to do about it. gRPC, Netty and TLS failures are turned
 * into this in one place ({@link ConnectionFailures}). The gRPC or Netty failure is kept as a suppressed
 * exception, not as the cause: {@code mvn -e} prints it, but Maven's one-line error, which appends the
 * message of every cause, stays the plain sentence.
 */
public final class DaemonConnectionException extends KbuildxException {
  private static final long serialVersionUID = 1L;

  private final String problem;
  private final String advice;
  private final Throwable libraryFailure;

  /**
   * @param problem what went wrong with which endpoint, e.g. {@code tcp://host:1234 closed the connection}
   * @param advice what the user can do, as a sentence
   * @param libraryFailure what gRPC, Netty or the JDK reported, or null
   */
  DaemonConnectionException(String problem, String advice, Throwable libraryFailure) {
    super(problem + ". " + advice);
    this.problem = problem;
    this.advice = advice;
    this.libraryFailure = libraryFailure;
    if (libraryFailure != null) {
      addSuppressed(libraryFailure);
    }
  }

  /** This failure as the reason why {@code operation} failed, e.g. {@code Uploading the build context}. */
  public DaemonConnectionException during(String operation) {
    return new DaemonConnectionException(operation + " failed: " + problem, advice, libraryFailure);
  }

  /** The connection failure behind {@code error}, if one of its causes is one. */
  public static Optional<DaemonConnectionException> in(Throwable error) {
    for (Throwable current = error; current != null; current = current.getCause()) {
      if (current instanceof DaemonConnectionException failure) {
        return Optional.of(failure);
      }
    }
    return Optional.empty();
  }
}
