package dev.kbuildx.buildkit;

import dev.kbuildx.KbuildxException;
import dev.kbuildx.progress.BuildFailure;
import dev.kbuildx.progress.PlainProgressPrinter;
import io.grpc.Status;
import java.util.Optional;

/**
 * A build that BuildKit ran and that failed. The message says which step failed with the daemon's
 * error, that step's last log lines and the Dockerfile lines it came from, like buildx's summary.
 */
public class BuildFailedException extends KbuildxException {
  private static final long serialVersionUID = 1L;
  private static final String RULE = "------";

  private final transient BuildFailure failure;

  public BuildFailedException(String message, BuildFailure failure, Throwable cause) {
    super(message, cause);
    this.failure = failure;
  }

  /** The failed step as the progress output showed it, when it is known. */
  public Optional<BuildFailure> failure() {
    return Optional.ofNullable(failure);
  }

  /**
   * Describes the error {@code Control/Solve} ended with, using what {@code progress} printed of
   * the failing step.
   */
  public static BuildFailedException of(Throwable solveError, PlainProgressPrinter progress) {
    Status status = Status.fromThrowable(solveError);
    String reason = status.getDescription() == null ? status.getCode().toString() : status.getDescription();
    if (status.getCode() == Status.Code.CANCELLED) {
      return new BuildFailedException("build canceled: " + reason, null, solveError);
    }
    SolveErrorDetails details = SolveErrorDetails.of(solveError);
    BuildFailure failure = progress.failure(details.vertexDigest()).orElse(null);
    StringBuilder message = new StringBuilder("build failed");
    if (failure != null) {
      message.append(" at step ").append(failure.number() > 0 ? "#" + failure.number() + " " : "")
          .append(failure.name());
    }
    message.append(": ").append(reason);
    if (failure != null && !failure.lastLines().isEmpty()) {
      message.append('\n').append(RULE).append("\n > ").append(failure.name()).append(":\n");
      failure.lastLines().forEach(line -> message.append(line).append('\n'));
      message.append(RULE);
    }
    details.sources().forEach(source -> message.append('\n').append(source.render()));
    return new BuildFailedException(message.toString(), failure, solveError);
  }
}
