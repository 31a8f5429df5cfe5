package dev.kbuildx.transport;

import dev.kbuildx.KbuildxException;
import java.util.Optional;

/**
 * The connection to a BuildKit daemon failed, or what answered is no BuildKit daemon: the problem in
 * plain words, naming the endpoint, and what to do about it. gRPC, Netty and TLS failures are turned
 * into this in one place ({@link ConnectionFailures}); the gRPC or Netty failure stays the cause, for
 * {@code mvn -e}.
 */
public final class DaemonConnectionException extends KbuildxException {
  private static final long serialVersionUID = 1L;

  private final String problem;
  private final String advice;

  /**
   * @param problem what went wrong with which endpoint, e.g. {@code tcp://host:1234 closed the connection}
   * @param advice what the user can do, as a sentence
   */
  DaemonConnectionException(String problem, String advice, Throwable cause) {
    super(problem + ". " + advice, cause);
    this.problem = problem;
    this.advice = advice;
  }

  /** What went wrong, without the advice. */
  public String problem() {
    return problem;
  }

  /** This failure as the reason why {@code operation} failed, e.g. {@code Uploading the build context}. */
  public DaemonConnectionException during(String operation) {
    return new DaemonConnectionException(operation + " failed: " + problem, advice, getCause());
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
