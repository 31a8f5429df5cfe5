package dev.kbuildx.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads shared by every in-memory gRPC connection of the process: one Netty event loop group for
 * local channels, and a pool for the blocking reads and writes of byte streams. All threads are
 * daemons created on first use, so an idle plugin never keeps Maven's JVM alive.
 */
public final class LocalTransport {
  private static final int EVENT_LOOP_THREADS = 2;

  private LocalTransport() {}

  /**
   * The event loops of local channels; Netty's local transport needs its own I/O handler. Every
   * gRPC channel and server asks for them before its first connection, which is when grpc-netty
   * creates its frame loggers: they are silenced by then ({@link FrameLogSilencer}), and grpc-java's
   * own log goes to the debug level ({@link GrpcLogRouting}).
   */
  public static EventLoopGroup eventLoops() {
    return Holder.LOOPS;
  }

  /** Runs the blocking I/O of byte streams (socket reads, exec streams, connector calls). */
  public static ExecutorService blockingIo() {
    return Holder.IO;
  }

  /** A fresh address in Netty's in-process namespace, which is global to the JVM. */
  public static LocalAddress newAddress(String prefix) {
    return new LocalAddress(prefix + "-" + UUID.randomUUID());
  }

  private static final class Holder {
    static {
      FrameLogSilencer.install();
      GrpcLogRouting.install();
    }

    static final EventLoopGroup LOOPS = new MultiThreadIoEventLoopGroup(
        EVENT_LOOP_THREADS, new DefaultThreadFactory("kbuildx-local", true), LocalIoHandler.newFactory());
    static final ExecutorService IO = Executors.newCachedThreadPool(daemonThreads("kbuildx-stream-io-"));

    private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
      AtomicInteger count = new AtomicInteger();
      return task -> {
        Thread thread = new Thread(task, prefix + count.incrementAndGet());
        thread.setDaemon(true);
        return thread;
      };
    }
  }
}
