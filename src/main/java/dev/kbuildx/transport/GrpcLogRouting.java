package dev.kbuildx.transport;

import java.util.Arrays;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.slf4j.LoggerFactory;

/**
 * Sends what grpc-java logs to the debug level of the build's log. grpc-java logs through
 * java.util.logging, whose default handler prints warnings to the console with their stack traces:
 * a daemon that hangs up mid-call would print grpc-netty's "Stream Error" trace before kbuildx's
 * own message, which already says what happened. With {@code mvn -X} the records still show.
 */
final class GrpcLogRouting extends Handler {
  /** Held for good: java.util.logging forgets the settings of a logger that nobody references. */
  private static final Logger GRPC = Logger.getLogger("io.grpc");

  private final SimpleFormatter formatter = new SimpleFormatter();

  private GrpcLogRouting() {}

  /** Routes grpc-java's records here instead of to the console; once is enough, more calls do nothing. */
  static synchronized void install() {
    if (Arrays.stream(GRPC.getHandlers()).noneMatch(GrpcLogRouting.class::isInstance)) {
      GRPC.addHandler(new GrpcLogRouting());
      GRPC.setUseParentHandlers(false);
    }
  }

  @Override
  public void publish(LogRecord record) {
    org.slf4j.Logger logger = LoggerFactory.getLogger(record.getLoggerName());
    if (logger.isDebugEnabled()) {
      logger.debug(formatter.formatMessage(record), record.getThrown());
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
