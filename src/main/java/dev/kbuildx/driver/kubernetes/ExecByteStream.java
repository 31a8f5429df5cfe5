package dev.kbuildx.driver.kubernetes;

import dev.kbuildx.buildkit.ByteStream;
import dev.kbuildx.buildkit.LocalTransport;
import dev.kbuildx.progress.ProgressLog;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The stdin and stdout of {@code buildctl dial-stdio} running in a pod, as a byte stream. Its
 * stderr carries only diagnostics: each line goes to the debug log, and the last ones explain an
 * exit with an error, which then fails the stream instead of ending it quietly.
 */
final class ExecByteStream implements ByteStream {
  private static final int KEPT_ERROR_LINES = 3;
  private static final long EXIT_CODE_WAIT_SECONDS = 2;

  private final ExecWatch watch;
  private final String pod;
  private final InputStream input;
  private final Deque<String> lastErrorLines = new ArrayDeque<>();
  /** Completes when stderr has been read to its end, so that an exit failure can quote it. */
  private final CompletableFuture<Void> errorsRead = new CompletableFuture<>();

  ExecByteStream(ExecWatch watch, String pod, ProgressLog log) {
    this.watch = watch;
    this.pod = pod;
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
    LocalTransport.blockingIo().execute(() -> copyErrors(log));
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
    awaitErrors();
    String errors;
    synchronized (lastErrorLines) {
      errors = String.join(" / ", lastErrorLines);
    }
    return Optional.of("buildctl dial-stdio in pod " + pod + " exited with code " + code
        + (errors.isEmpty() ? "" : ": " + errors));
  }

  private void awaitErrors() {
    try {
      errorsRead.get(EXIT_CODE_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException | ExecutionException e) {
      // Quote what has arrived so far.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void copyErrors(ProgressLog log) {
    try (BufferedReader errors = new BufferedReader(new InputStreamReader(watch.getError(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = errors.readLine()) != null) {
        log.debug("pod " + pod + ": " + line);
        synchronized (lastErrorLines) {
          lastErrorLines.addLast(line);
          if (lastErrorLines.size() > KEPT_ERROR_LINES) {
            lastErrorLines.removeFirst();
          }
        }
      }
    } catch (IOException e) {
      // stderr ends with the exec; what it said so far is kept.
    } finally {
      errorsRead.complete(null);
    }
  }
}
