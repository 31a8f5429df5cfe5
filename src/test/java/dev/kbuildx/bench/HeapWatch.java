package dev.kbuildx.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Watches the heap while a task runs. The peak is the most heap in use at any moment: the largest
 * of a sample taken every few milliseconds and of what each collection found before it started (a
 * heap is fullest just before a collection, which sampling alone would miss). What each collection
 * left behind bounds what the task really kept, garbage aside.
 */
final class HeapWatch implements AutoCloseable {
  private static final long SAMPLE_MILLIS = 5;

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
      .filter(pool -> pool.getType() == MemoryType.HEAP)
      .map(MemoryPoolMXBean::getName)
      .collect(Collectors.toSet());
  private final AtomicLong peak = new AtomicLong();
  private final AtomicLong afterCollection = new AtomicLong();
  private final NotificationListener listener = this::collected;
  private final Thread sampler;
  private volatile boolean running = true;

  private HeapWatch() {
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) collector).addNotificationListener(listener, null, null);
    }
    sampler = new Thread(this::sample, "bench-heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  /** Starts watching after a full collection, so that earlier garbage does not count. */
  static HeapWatch start() {
    System.gc();
    return new HeapWatch();
  }

  /** The most heap in use since the start, in bytes. */
  long peakBytes() {
    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
    return peak.get();
  }

  /** The most heap a collection left in use since the start, in bytes; 0 if none ran. */
  long afterCollectionBytes() {
    return afterCollection.get();
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      try {
        ((NotificationEmitter) collector).removeNotificationListener(listener);
      } catch (ListenerNotFoundException e) {
        // Added in the constructor to every collector; nothing to remove means nothing to stop.
      }
    }
  }

  private void sample() {
    while (running) {
      peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
      try {
        Thread.sleep(SAMPLE_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void collected(Notification notification, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
      return;
    }
    var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo();
    peak.accumulateAndGet(heapUsed(info.getMemoryUsageBeforeGc()), Math::max);
    afterCollection.accumulateAndGet(heapUsed(info.getMemoryUsageAfterGc()), Math::max);
  }

  private long heapUsed(Map<String, MemoryUsage> pools) {
    return pools.entrySet().stream()
        .filter(pool -> heapPools.contains(pool.getKey()))
        .mapToLong(pool -> pool.getValue().getUsed())
        .sum();
  }
}
