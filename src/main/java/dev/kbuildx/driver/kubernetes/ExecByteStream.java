package dev.kbuildx.driver.kubernetes;

import dev.kbuildx.buildkit.ByteStream;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The stdin and stdout of {@code buildctl dial-stdio} running in a pod, as a byte stream. Its
 * stderr ({@link StderrLines}) explains an exit with an error, which then fails the stream instead
 * of ending it quietly.
 */
final class ExecByteStream implements ByteStream {
  private static final long EXIT_CODE_WAIT_SECONDS = 2;

  private final ExecWatch watch;
  private final String pod;
  private final InputStream input;
  private final StderrLines errors;

  ExecByteStream(ExecWatch watch, String pod, StderrLines errors) {
    this.watch = watch;
    this.pod = pod;
    this.errors = errors;
    this.input = new FilterInputStream(watch.getOutput()) {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] bytes, int offset, int length) throws IOException {
        int read;
        try {
          read = super.read(bytes, offset, length);
        } catch (IOException e) {
          throw exitFailure().map(message -> new IOException(message, e)).orElse(e);
        }
        if (read < 0) {
          // A failed command may also just end its output.
          Optional<String> failure = exitFailure();
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
    watch.close();
  }

  /** Why the command failed, if it exited with an error; waits briefly, as the exit status comes last. */
  private Optional<String> exitFailure() {
    Integer code;
    try {
      code = watch.exitCode().get(EXIT_CODE_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException | ExecutionException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
    if (code == null || code == 0) {
      return Optional.empty();
    }
    // stderr precedes the exit status on the exec's WebSocket, so it has all arrived.
    String lastErrors = errors.last();
    return Optional.of("buildctl dial-stdio in pod " + pod + " exited with code " + code
        + (lastErrors.isEmpty() ? "" : ": " + lastErrors));
  }
}
