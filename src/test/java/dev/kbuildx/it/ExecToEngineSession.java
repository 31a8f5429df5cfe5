package dev.kbuildx.it;

import dev.kbuildx.transport.ByteStream;
import dev.kbuildx.transport.ByteStreamConnector;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;

/**
 * One exec in a mock pod, speaking the Kubernetes exec channel protocol ({@code v4.channel.k8s.io},
 * which fabric8 asks for and the mock server accepts): binary frames whose first byte is the
 * channel, 0 stdin, 1 stdout, 2 stderr, 3 the exit status as a JSON {@code Status}.
 *
 * <p>{@code buildctl dial-stdio} is a pipe to the test engine's BuildKit: stdin frames are written
 * to an engine stream and the engine's bytes come back as stdout frames; when the engine ends the
 * stream, the command exits 0. Stdin is written on a thread of the session, never on the server's
 * event loop, which must keep delivering frames.
 */
final class ExecToEngineSession extends WebSocketListener {
  private static final byte STDIN = 0;
  private static final byte STDOUT = 1;
  private static final byte STDERR = 2;
  private static final byte STATUS = 3;
  private static final int NORMAL_CLOSURE = 1000;
  private static final int FAILED_EXIT_CODE = 1;
  /** What a shell answers for a command it cannot run. */
  private static final int NOT_RUNNABLE_EXIT_CODE = 126;
  private static final int CHUNK = 32 * 1024;

  private final ByteStreamConnector engine;
  private final List<String> unsupportedCommand;
  private final ExecutorService stdin = Executors.newSingleThreadExecutor(daemon("kbuildx-it-exec-stdin"));
  private volatile ByteStream stream;
  private volatile boolean finished;

  private ExecToEngineSession(ByteStreamConnector engine, List<String> unsupportedCommand) {
    this.engine = engine;
    this.unsupportedCommand = unsupportedCommand;
  }

  static ExecToEngineSession dialStdio(ByteStreamConnector engine) {
    return new ExecToEngineSession(engine, null);
  }

  static ExecToEngineSession unsupported(List<String> command) {
    return new ExecToEngineSession(null, command);
  }

  @Override
  public void onOpen(WebSocket socket, Response response) {
    if (unsupportedCommand != null) {
      stderr(socket, "the mock cluster's pods run only " + String.join(" ", ExecToEngineDispatcher.DIAL_STDIO)
          + ", not " + String.join(" ", unsupportedCommand) + "\n");
      exit(socket, NOT_RUNNABLE_EXIT_CODE);
      return;
    }
    // The first task of the stdin thread, so stdin that arrives meanwhile waits for the stream.
    stdin.execute(() -> connect(socket));
  }

  @Override
  public void onMessage(WebSocket socket, byte[] frame) {
    if (frame.length > 1 && frame[0] == STDIN && !finished) {
      byte[] bytes = Arrays.copyOfRange(frame, 1, frame.length);
      try {
        stdin.execute(() -> write(socket, bytes));
      } catch (RejectedExecutionException closedMeanwhile) {
        // The exec ended between the check and now; its stdin goes nowhere, as in a real pod.
      }
    }
  }

  @Override
  public void onClosing(WebSocket socket, int code, String reason) {
    finish();
  }

  @Override
  public void onClosed(WebSocket socket, int code, String reason) {
    finish();
  }

  @Override
  public void onFailure(WebSocket socket, Throwable error, Response response) {
    finish();
  }

  private void connect(WebSocket socket) {
    try {
      stream = engine.open();
    } catch (IOException e) {
      fail(socket, "cannot reach the test engine's BuildKit: " + e.getMessage());
      return;
    }
    Thread stdout = new Thread(() -> copyStdout(socket), "kbuildx-it-exec-stdout");
    stdout.setDaemon(true);
    stdout.start();
  }

  private void write(WebSocket socket, byte[] bytes) {
    if (finished || stream == null) {
      return;
    }
    try {
      stream.output().write(bytes);
      stream.output().flush();
    } catch (IOException e) {
      fail(socket, "writing to the test engine's BuildKit failed: " + e.getMessage());
    }
  }

  private void copyStdout(WebSocket socket) {
    byte[] buffer = new byte[CHUNK + 1];
    buffer[0] = STDOUT;
    try {
      InputStream input = stream.input();
      int read;
      while ((read = input.read(buffer, 1, CHUNK)) >= 0) {
        socket.send(Arrays.copyOf(buffer, read + 1));
      }
      if (!finished) {
        exit(socket, 0);
      }
    } catch (IOException e) {
      fail(socket, "reading from the test engine's BuildKit failed: " + e.getMessage());
    }
  }

  /** Ends the command as a failed one, unless the client already went away. */
  private void fail(WebSocket socket, String message) {
    if (!finished) {
      stderr(socket, message + "\n");
      exit(socket, FAILED_EXIT_CODE);
    }
  }

  private static void stderr(WebSocket socket, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    byte[] frame = new byte[bytes.length + 1];
    frame[0] = STDERR;
    System.arraycopy(bytes, 0, frame, 1, bytes.length);
    socket.send(frame);
  }

  /** The exit status the API server sends on channel 3 before it closes the WebSocket. */
  private void exit(WebSocket socket, int code) {
    String status = code == 0
        ? "{\"metadata\":{},\"status\":\"Success\"}"
        : "{\"metadata\":{},\"status\":\"Failure\",\"message\":\"command terminated with non-zero exit code: "
            + code + "\",\"reason\":\"NonZeroExitCode\",\"details\":{\"causes\":[{\"reason\":\"ExitCode\",\"message\":\""
            + code + "\"}]}}";
    byte[] json = status.getBytes(StandardCharsets.UTF_8);
    byte[] frame = new byte[json.length + 1];
    frame[0] = STATUS;
    System.arraycopy(json, 0, frame, 1, json.length);
    socket.send(frame);
    socket.close(NORMAL_CLOSURE, "");
    finish();
  }

  private void finish() {
    finished = true;
    stdin.shutdownNow();
    ByteStream open = stream;
    if (open != null) {
      try {
        open.close();
      } catch (IOException e) {
        // The engine's side of a finished exec needs nothing more.
      }
    }
  }

  private static ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      // A session left open must never keep the Maven JVM alive.
      thread.setDaemon(true);
      return thread;
    };
  }
}
