package dev.kbuildx.driver.kubernetes;

import dev.kbuildx.transport.ByteStream;
import dev.kbuildx.transport.ChunkInputStream;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The stdin and stdout of {@code buildctl dial-stdio} running in a pod, as a byte stream. A pod that
 * went away, or an exit with an error (explained by its stderr, {@link StderrLines}), fails the
 * stream instead of ending it quietly.
 */
final class ExecByteStream implements ByteStream {
  private static final long EXIT_CODE_WAIT_SECONDS = 2;

  private final ExecWatch watch;
  private final String pod;
  private final InputStream input;
  private final StderrLines errors;
  private final Supplier<Optional<String>> podGone;
  private final AtomicBoolean closed = new AtomicBoolean();

  /** @param podGone says whether and how the pod went away; asked only when the stream broke */
  ExecByteStream(ExecWatch watch, String pod, StderrLines errors, Supplier<Optional<String>> podGone) {
    this.watch = watch;
    this.pod = pod;
    this.errors = errors;
    this.podGone = podGone;
    InputStream output = watch.getOutput();
    this.input = new ChunkInputStream() {
      @Override
      public int read(byte[] bytes, int offset, int length) throws IOException {
        int read;
        try {
          read = output.read(bytes, offset, length);
        } catch (IOException e) {
          throw failure().map(message -> new IOException(message, e)).orElse(e);
        }
        if (read < 0) {
          // A failed command, or a deleted pod, may also just end the output.
          Optional<String> failure = failure();
          if (failure.isPresent()) {
            throw new IOException(failure.get());
          }
        }
        return read;
      }
    };
  }

  @Override
  public InputStream input() {
    return input;
  }

  @Override
  public OutputStream output() {
    return watch.getInput();
  }

  @Override
  public void close() {
    closed.set(true);
    watch.close();
  }

  /**
   * Why the stream broke: the pod went away, or the command exited with an error. Empty after our
   * own close, a clean exit, or an end that nothing explains.
   */
  private Optional<String> failure() {
    if (closed.get()) {
      return Optional.empty();
    }
    Integer code = exitCode();
    // A pod that is stopped gracefully lets buildctl dial-stdio exit with 0 as its daemon goes, so the pod is
    // asked about first, whatever the code.
    Optional<String> gone = podGone.get();
    if (gone.isPresent()) {
      return Optional.of(gone.get() + ", so the connection to it was lost"
          + (code == null ? "" : " (buildctl dial-stdio exited with code " + code + ")")
          + "; build again to use the node's other or replacement pod");
    }
    if (code == null || code == 0) {
      return Optional.empty();
    }
    // stderr precedes the exit status on the exec's WebSocket, so it has all arrived.
    String lastErrors = errors.last();
    return Optional.of("buildctl dial-stdio in pod " + pod + " exited with code " + code
        + (lastErrors.isEmpty() ? "" : ": " + lastErrors));
  }

  /** The command's exit code, or null when none came; waits briefly, as the exit status comes last. */
  private Integer exitCode() {
    try {
      return watch.exitCode().get(EXIT_CODE_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException | ExecutionException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
