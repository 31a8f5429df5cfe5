package dev.kbuildx;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits in tests for a condition to hold, instead of sleeping for a fixed time and hoping. */
public final class Await {
  private static final long POLL_MILLIS = 20;

  private Await() {}

  /** Returns as soon as {@code condition} holds; fails naming {@code what} when it does not within {@code timeout}. */
  public static void until(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what);
      }
      Thread.sleep(POLL_MILLIS);
    }
  }
}
