package dev.kbuildx.driver.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kbuildx.buildkit.proto.control.ControlGrpc;
import dev.kbuildx.buildkit.proto.control.ListWorkersRequest;
import dev.kbuildx.buildkit.proto.control.ListWorkersResponse;
import dev.kbuildx.engine.TestEngine;
import dev.kbuildx.transport.StreamChannels;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reaches the BuildKit of the real Docker Engine that {@code .ci/engine} starts. */
class DockerEngineConnectorEngineTest {
  private ManagedChannel channel;

  private static DockerEngineConnector engine() {
    return DockerEngineConnector.fromEnvironment(Map.of("DOCKER_HOST", TestEngine.require().dockerHost()));
  }

  @AfterEach
  void closeChannel() throws InterruptedException {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void listsTheWorkersOfTheEngineBuildKit() {
    channel = StreamChannels.open(engine());

    ListWorkersResponse workers = ControlGrpc.newBlockingStub(channel)
        .withDeadlineAfter(30, TimeUnit.SECONDS)
        .listWorkers(ListWorkersRequest.getDefaultInstance());

    assertThat(workers.getRecordList()).isNotEmpty();
    assertThat(workers.getRecord(0).getPlatformsList()).isNotEmpty();
  }

  @Test
  void answersSeveralCallsOnOneChannel() {
    channel = StreamChannels.open(engine());
    ControlGrpc.ControlBlockingStub control = ControlGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);

    for (int i = 0; i < 3; i++) {
      assertThat(control.listWorkers(ListWorkersRequest.getDefaultInstance()).getRecordCount()).isPositive();
    }
  }

  @Test
  void aMissingSocketFailsNamingTheEngine(@org.junit.jupiter.api.io.TempDir Path dir) {
    String host = "unix://" + dir.resolve("missing.sock");
    DockerEngineConnector connector = DockerEngineConnector.fromEnvironment(Map.of("DOCKER_HOST", host));

    assertThatThrownBy(connector::open)
        .isInstanceOf(IOException.class)
        .hasMessageContaining(host)
        .hasMessageContaining("does not exist");

    channel = StreamChannels.open(connector);
    assertThatThrownBy(() -> ControlGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
            .listWorkers(ListWorkersRequest.getDefaultInstance()))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE))
        .hasMessageContaining(host);
  }
}
