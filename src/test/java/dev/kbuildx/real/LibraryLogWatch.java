package dev.kbuildx.real;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test in which gRPC or Netty logged through java.util.logging's console at INFO or above,
 * where their stack traces would reach a user's build log without {@code -X}. Register it as a
 * {@code @RegisterExtension} field.
 */
final class LibraryLogWatch extends Handler implements BeforeEachCallback, AfterEachCallback {
  private final List<LogRecord> console = new CopyOnWriteArrayList<>();

  @Override
  public void beforeEach(ExtensionContext context) {
    console.clear();
    Logger.getLogger("").addHandler(this);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Logger.getLogger("").removeHandler(this);
    assertThat(console).extracting(LogRecord::getLoggerName).as("library records on the console")
        .noneMatch(name -> name.startsWith("io.grpc") || name.startsWith("io.netty"));
  }

  @Override
  public void publish(LogRecord record) {
    if (record.getLevel().intValue() >= Level.INFO.intValue()) {
      console.add(record);
    }
  }

  @Override
  public void flush() {
    // Nothing is buffered.
  }

  @Override
  public void close() {
    // Nothing is held.
  }
}
