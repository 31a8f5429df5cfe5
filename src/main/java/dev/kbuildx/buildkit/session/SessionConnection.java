package dev.kbuildx.buildkit.session;

import dev.kbuildx.KbuildxException;
import dev.kbuildx.buildkit.proto.control.ControlGrpc;
import io.grpc.Metadata;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.MetadataUtils;
import io.netty.channel.Channel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A BuildKit session: the reversed gRPC connection through which the daemon calls back into
 * kbuildx (file sync, file send, credentials, secrets, health). It rides inside a
 * {@code Control/Session} call whose byte messages carry HTTP/2, with the daemon as the client and
 * an in-process server of ours answering. Solve requests name it by {@link #id()}.
 */
public final class SessionConnection implements AutoCloseable {
  static final String UUID_HEADER = "x-docker-expose-session-uuid";
  static final String SHARED_KEY_HEADER = "x-docker-expose-session-sharedkey";
  static final String METHOD_HEADER = "x-docker-expose-session-grpc-method";
  /** How long closing waits for the daemon to acknowledge the end before cancelling the call. */
  static final long CLOSE_TIMEOUT_SECONDS = 10;

  private final String id;
  private final SessionServer server;
  private final ControlSessionPipe pipe;
  private final Channel connection;
  private final CompletableFuture<Void> ended = new CompletableFuture<>();
  private volatile boolean closing;

  private SessionConnection(String id, SessionServer server, ControlSessionPipe pipe, Channel connection) {
    this.id = id;
    this.server = server;
    this.pipe = pipe;
    this.connection = connection;
    pipe.ended().whenComplete((ignored, error) -> {
      if (error == null || closing) {
        ended.complete(null);
      } else {
        ended.completeExceptionally(new KbuildxException(
            "the BuildKit session ended unexpectedly: " + describe(error), error));
      }
    });
  }

  /**
   * Opens a session exposing the given services (Health is always added).
   *
   * @param control a stub without deadline: the session lasts as long as the builds that use it
   * @param sharedKey identifies this client and context directory across builds, so the daemon can
   *     reuse what it received before; may be empty
   */
  public static SessionConnection open(ControlGrpc.ControlStub control, String sharedKey,
      List<ServerServiceDefinition> services) {
    String id = SessionIds.newId();
    SessionServer server = SessionServer.start(services);
    try {
      ControlSessionPipe pipe = new ControlSessionPipe();
      Channel connection = server.connect(pipe);
      pipe.bind(connection);
      Metadata headers = headers(id, sharedKey, server.methodPaths());
      control.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers)).session(pipe);
      pipe.startReading();
      return new SessionConnection(id, server, pipe, connection);
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  /** The session metadata of BuildKit's protocol: id, shared key and one value per served method. */
  static Metadata headers(String id, String sharedKey, List<String> methodPaths) {
    Metadata headers = new Metadata();
    headers.put(key(UUID_HEADER), id);
    headers.put(key(SHARED_KEY_HEADER), sharedKey == null ? "" : sharedKey);
    for (String path : methodPaths) {
      headers.put(key(METHOD_HEADER), path);
    }
    return headers;
  }

  /** The id that {@code SolveRequest.Session} must carry. */
  public String id() {
    return id;
  }

  /**
   * Completes when the session is over: normally after {@link #close()}, exceptionally with a
   * {@link KbuildxException} when the daemon or the connection ended it first.
   */
  public CompletableFuture<Void> ended() {
    return ended;
  }

  /**
   * Ends the session the way BuildKit expects: half-closes the call, waits for the daemon to end
   * it, cancelling it if the daemon takes too long, then stops the session server.
   */
  @Override
  public void close() {
    closing = true;
    try {
      pipe.halfClose();
      pipe.ended().get(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      pipe.cancel("the session was closed");
    } catch (ExecutionException e) {
      // The call ended with an error while closing: it is over either way.
    } catch (InterruptedException e) {
      pipe.cancel("the session was interrupted");
      Thread.currentThread().interrupt();
    } finally {
      connection.close();
      server.close();
    }
  }

  private static Metadata.Key<String> key(String name) {
    return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
  }

  private static String describe(Throwable error) {
    Status status = Status.fromThrowable(error);
    String description = status.getDescription();
    return status.getCode() + (description == null || description.isBlank() ? "" : ": " + description);
  }
}
