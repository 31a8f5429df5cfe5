package dev.kbuildx.buildkit.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kbuildx.KbuildxException;
import dev.kbuildx.buildkit.FakeDaemon;
import dev.kbuildx.buildkit.proto.control.BytesMessage;
import dev.kbuildx.buildkit.proto.control.ControlGrpc;
import dev.kbuildx.buildkit.proto.filesync.FileSyncGrpc;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SessionConnectionTest {
  private FakeDaemon daemon;

  @AfterEach
  void stop() throws InterruptedException {
    if (daemon != null) {
      daemon.close();
    }
  }

  @Test
  void aSessionTheDaemonDropsEndsWithAnErrorAndStillClosesQuietly() throws IOException {
    ControlGrpc.ControlStub control = fakeDaemon(new DroppingControl());

    SessionConnection session = SessionConnection.open(control, "", List.of());

    assertThat(session.ended()).failsWithin(Duration.ofSeconds(10))
        .withThrowableThat()
        .havingCause()
        .isInstanceOf(KbuildxException.class)
        .withMessage("the BuildKit session ended unexpectedly: UNAVAILABLE: buildkitd is shutting down");
    long start = System.nanoTime();
    session.close();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(SessionConnection.CLOSE_TIMEOUT_SECONDS));
  }

  @Test
  void metadataCarriesTheIdTheSharedKeyAndEachServedMethodAsItsOwnValue() {
    try (SessionServer server = SessionServer.start(List.of(new FileSyncGrpc.FileSyncImplBase() {}.bindService()))) {
      Metadata headers = SessionConnection.headers("abc123", "key", server.methodPaths());

      assertThat(headers.getAll(key("x-docker-expose-session-uuid"))).containsExactly("abc123");
      assertThat(headers.getAll(key("x-docker-expose-session-sharedkey"))).containsExactly("key");
      assertThat(headers.getAll(key("x-docker-expose-session-grpc-method"))).containsExactlyInAnyOrder(
          "/grpc.health.v1.Health/Check",
          "/grpc.health.v1.Health/Watch",
          "/moby.filesync.v1.FileSync/DiffCopy");
    }
  }

  @Test
  void anEmptySharedKeyIsStillSent() {
    Metadata headers = SessionConnection.headers("abc123", null, List.of());

    assertThat(headers.getAll(key("x-docker-expose-session-sharedkey"))).containsExactly("");
  }

  @Test
  void sessionIdsAreBase36WithoutColons() {
    assertThat(SessionIds.newId()).matches("[0-9a-z]{25}").isNotEqualTo(SessionIds.newId());
  }

  private ControlGrpc.ControlStub fakeDaemon(ControlGrpc.ControlImplBase control) throws IOException {
    daemon = FakeDaemon.serving(control);
    return ControlGrpc.newStub(daemon.channel());
  }

  private static Metadata.Key<String> key(String name) {
    return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
  }

  /** Fault injection: a daemon that ends the session call as soon as the session's bytes arrive. */
  private static final class DroppingControl extends ControlGrpc.ControlImplBase {
    @Override
    public StreamObserver<BytesMessage> session(StreamObserver<BytesMessage> responses) {
      return new StreamObserver<>() {
        private boolean dropped;

        @Override
        public void onNext(BytesMessage message) {
          if (!dropped) {
            dropped = true;
            responses.onError(Status.UNAVAILABLE.withDescription("buildkitd is shutting down").asRuntimeException());
          }
        }

        @Override
        public void onError(Throwable error) {}

        @Override
        public void onCompleted() {}
      };
    }
  }
}
