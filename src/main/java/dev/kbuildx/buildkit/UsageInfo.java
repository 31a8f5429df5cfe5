package dev.kbuildx.buildkit;

import java.time.Instant;
import java.util.List;

/**
 * One build-cache record of a daemon, as disk usage lists it or prune reports it deleted.
 *
 * @param parents the records this one was made from
 * @param createdAt null when the daemon did not say
 * @param lastUsed null when the record was never used
 * @param size bytes
 * @param type BuildKit's record type, such as {@code regular}, {@code source.local} or {@code exec.cachemount}
 * @param mutable a snapshot a build may still write, such as an upload or a cache mount
 * @param inUse held by a running build, so not reclaimable now
 * @param shared its data is also held by another record (an image's layer)
 */
public record UsageInfo(String id, List<String> parents, Instant createdAt, Instant lastUsed, long usageCount,
    long size, String description, String type, boolean mutable, boolean inUse, boolean shared) {
  public UsageInfo {
    parents = List.copyOf(parents);
  }

  /** What prune could delete now, as buildx reports it: every record no build holds. */
  public boolean reclaimable() {
    return !inUse;
  }
}
