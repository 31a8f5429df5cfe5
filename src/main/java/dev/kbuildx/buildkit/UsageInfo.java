package dev.kbuildx.buildkit;

import java.time.Instant;

/**
 * One build-cache record of a daemon, as disk usage lists it or prune reports it deleted.
 *
 * @param size bytes
 * @param inUse held by a running build, so not reclaimable now
 * @param lastUsed null when the record was never used
 */
public record UsageInfo(String id, long size, boolean inUse, String description, Instant lastUsed) {
}
