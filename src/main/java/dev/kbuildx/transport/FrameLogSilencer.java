package dev.kbuildx.transport;

import io.netty.util.internal.logging.InternalLogLevel;
import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Set;

/**
 * Keeps the bytes of gRPC messages out of every log. grpc-netty logs each HTTP/2 frame it sends and
 * receives, DATA frames in hex, at DEBUG, so {@code mvn -X} would print every secret, registry
 * password and file the session serves. The loggers that dump bytes are given DEBUG and TRACE off;
 * every other Netty logger, and every level above DEBUG, stays as it was.
 *
 * <p>Netty picks its logger factory once per class loader, and Maven gives each plugin a class
 * realm of its own with its own copy of Netty: replacing the factory here changes the Netty of this
 * plugin only, never that of Maven or of another plugin in the same JVM.
 */
final class FrameLogSilencer extends InternalLoggerFactory {

  /** Loggers whose DEBUG output is payload: grpc-netty's HTTP/2 frame loggers and Netty's LoggingHandler. */
  static final Set<String> PAYLOAD_LOGGERS = Set.of(
      "io.grpc.netty.NettyClientHandler",
      "io.grpc.netty.NettyServerHandler",
      "io.netty.handler.logging.LoggingHandler");

  private static final Set<InternalLogLevel> PAYLOAD_LEVELS = Set.of(InternalLogLevel.TRACE, InternalLogLevel.DEBUG);

  private final InternalLoggerFactory original;
  private final MethodHandle originalNewInstance;

  private FrameLogSilencer(InternalLoggerFactory original) throws ReflectiveOperationException {
    this.original = original;
    // Netty's own factories declare newInstance public; the abstract type only has it protected.
    this.originalNewInstance = MethodHandles.publicLookup().findVirtual(original.getClass(), "newInstance",
        MethodType.methodType(InternalLogger.class, String.class));
  }

  /** Installs the silencer in front of Netty's current factory; once is enough, more calls do nothing. */
  static synchronized void install() {
    InternalLoggerFactory current = InternalLoggerFactory.getDefaultFactory();
    if (current instanceof FrameLogSilencer) {
      return;
    }
    try {
      InternalLoggerFactory.setDefaultFactory(new FrameLogSilencer(current));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Netty's logger factory " + current.getClass().getName()
          + " has no public newInstance; kbuildx cannot keep frame payloads out of the log", e);
    }
  }

  @Override
  protected InternalLogger newInstance(String name) {
    InternalLogger logger;
    try {
      logger = (InternalLogger) originalNewInstance.invoke(original, name);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("Netty's logger factory failed for " + name, e);
    }
    return PAYLOAD_LOGGERS.contains(name) ? withoutPayloadLevels(logger) : logger;
  }

  /**
   * The logger with TRACE and DEBUG off: their methods do nothing and report themselves disabled;
   * the other levels are passed on.
   */
  static InternalLogger withoutPayloadLevels(InternalLogger logger) {
    return (InternalLogger) Proxy.newProxyInstance(InternalLogger.class.getClassLoader(),
        new Class<?>[] {InternalLogger.class}, (proxy, method, arguments) -> {
          String methodName = method.getName();
          boolean payloadLevel = methodName.equals("trace") || methodName.equals("debug")
              || methodName.equals("isTraceEnabled") || methodName.equals("isDebugEnabled")
              || (methodName.equals("log") || methodName.equals("isEnabled")) && PAYLOAD_LEVELS.contains(arguments[0]);
          if (payloadLevel) {
            return method.getReturnType() == boolean.class ? false : null;
          }
          try {
            return method.invoke(logger, arguments);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
