package dev.kbuildx.buildkit.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kbuildx.buildkit.proto.control.ControlGrpc;
import dev.kbuildx.buildkit.proto.control.SolveRequest;
import dev.kbuildx.buildkit.proto.filesync.FileSyncGrpc;
import dev.kbuildx.buildkit.proto.fsutil.Packet;
import dev.kbuildx.driver.docker.DockerEngineConnector;
import dev.kbuildx.engine.TestEngine;
import dev.kbuildx.transport.StreamChannels;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A session opened through the real engine's BuildKit ({@code Control/Session} inside the engine's
 * {@code /grpc} upgrade): the daemon must call back into the session's services.
 */
class SessionConnectionEngineTest {
  private static final String REFUSAL = "kbuildx test: no files here";
  private static final long HEALTH_CHECKS_MILLIS = 11_000;

  private ManagedChannel channel;

  @BeforeEach
  void connect() {
    channel = StreamChannels.open(
        DockerEngineConnector.fromEnvironment(Map.of("DOCKER_HOST", TestEngine.require().dockerHost())));
  }

  @AfterEach
  void disconnect() throws InterruptedException {
    channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
  }

  @Test
  void theDaemonKeepsTheSessionCallsBackIntoItAndItClosesCleanly() throws Exception {
    RefusingFileSync fileSync = new RefusingFileSync();
    SessionConnection session = SessionConnection.open(ControlGrpc.newStub(channel), "", List.of(fileSync.bindService()));
    try {
      // The daemon checks the session's health every 5 seconds and drops it after two failures. Passing checks
      // leave no trace this side can poll, so the test outlasts two rounds: the elapsed time is what it checks.
      Thread.sleep(HEALTH_CHECKS_MILLIS);
      assertThat(session.ended()).isNotDone();

      SolveRequest solve = SolveRequest.newBuilder()
          .setRef(SessionIds.newId())
          .setSession(session.id())
          .setFrontend("dockerfile.v0")
          .build();

      assertThatThrownBy(() -> ControlGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS).solve(solve))
          .isInstanceOf(StatusRuntimeException.class)
          .hasMessageContaining(REFUSAL);
      // The Dockerfile frontend first asks for the local directory named "dockerfile".
      assertThat(fileSync.dirNames).contains("dockerfile");
      assertThat(session.ended()).isNotDone();
    } finally {
      session.close();
    }
    assertThat(session.ended()).isCompleted();
    assertThat(session.ended().get()).isNull();
  }

  /** Answers every transfer with an error, after noting which directory the daemon wanted. */
  private static final class RefusingFileSync extends FileSyncGrpc.FileSyncImplBase {
    final List<String> dirNames = new CopyOnWriteArrayList<>();

    @Override
    public StreamObserver<Packet> diffCopy(StreamObserver<Packet> responses) {
      dirNames.add(String.valueOf(CallMetadata.current().get(Metadata.Key.of("dir-name", Metadata.ASCII_STRING_MARSHALLER))));
      responses.onError(Status.NOT_FOUND.withDescription(REFUSAL).asRuntimeException());
      return new StreamObserver<>() {
        @Override
        public void onNext(Packet packet) {}

        @Override
        public void onError(Throwable error) {}

        @Override
        public void onCompleted() {}
      };
    }
  }
}
