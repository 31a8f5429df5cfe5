package dev.kbuildx.buildkit;

import dev.kbuildx.engine.TestEngine;
import dev.kbuildx.progress.CollectingLog;
import io.grpc.ManagedChannel;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A test that builds on the test engine: each test gets its own connection, solver, log and folder. */
abstract class EngineBuildTest {
  @TempDir Path dir;
  final CollectingLog log = new CollectingLog();
  TestEngine engine;
  ManagedChannel channel;
  DockerfileSolver solver;

  @BeforeEach
  void connectToEngine() {
    engine = TestEngine.require();
    channel = EngineChannels.open(engine);
    solver = EngineChannels.solver(channel, log);
  }

  @AfterEach
  void disconnectFromEngine() throws InterruptedException {
    EngineChannels.close(channel);
  }
}
