package dev.kbuildx.buildkit.session;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** What a {@link FileSyncService} has sent so far, over all its transfers. */
public final class UploadCounters {
  private final LongAdder packetBytes = new LongAdder();
  private final LongAdder fileBytes = new LongAdder();
  private final LongAdder files = new LongAdder();
  private final AtomicInteger unfinishedTransfers = new AtomicInteger();

  /** Serialized size of every packet sent: listings, file data and control packets. */
  public long packetBytes() {
    return packetBytes.sum();
  }

  /** File content sent because the daemon asked for it; near 0 when nothing changed since the last build. */
  public long fileBytes() {
    return fileBytes.sum();
  }

  /** Number of files whose content was sent. */
  public long files() {
    return files.sum();
  }

  /** Whether a transfer started that the daemon has not declared complete: the upload was under way. */
  public boolean uploading() {
    return unfinishedTransfers.get() > 0;
  }

  void transferStarted() {
    unfinishedTransfers.incrementAndGet();
  }

  void transferFinished() {
    unfinishedTransfers.decrementAndGet();
  }

  void packet(int serializedSize) {
    packetBytes.add(serializedSize);
  }

  void fileData(int length) {
    fileBytes.add(length);
  }

  void fileDone() {
    files.increment();
  }
}
