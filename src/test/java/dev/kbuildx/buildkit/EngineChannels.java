package dev.kbuildx.buildkit;

import dev.kbuildx.driver.docker.DockerEngineConnector;
import dev.kbuildx.engine.TestEngine;
import dev.kbuildx.progress.ProgressLog;
import dev.kbuildx.registry.CredentialsChain;
import dev.kbuildx.transport.StreamChannels;
import io.grpc.ManagedChannel;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Connections to the test engine's BuildKit, for the tests that build through it. */
final class EngineChannels {
  private EngineChannels() {}

  static ManagedChannel open(TestEngine engine) {
    return StreamChannels.open(DockerEngineConnector.of(engine.dockerHost(), null));
  }

  /** A solver on {@code channel} without registry credentials. */
  static DockerfileSolver solver(ManagedChannel channel, ProgressLog log) {
    DaemonFeatures daemon = DaemonFeatures.of(new ControlClient(channel).info(), true);
    return new DockerfileSolver(channel, daemon, new CredentialsChain(List.of()), log);
  }

  static void close(ManagedChannel channel) throws InterruptedException {
    channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
  }
}
