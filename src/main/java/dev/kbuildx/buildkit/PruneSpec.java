package dev.kbuildx.buildkit;

import java.time.Duration;
import java.util.List;

/**
 * What a prune deletes, in the fields of BuildKit's {@code PruneRequest}; zero leaves a limit unset.
 *
 * @param all also records that are referenced (internal and frontend images), not only the dangling ones
 * @param keepDuration keep records used more recently than this
 * @param reservedSpace bytes of cache that are always kept
 * @param maxUsedSpace bytes of cache that may stay at most
 * @param minFreeSpace bytes of disk that must be free afterwards
 * @param filters BuildKit filter expressions such as {@code type==regular}, all of which a record must match
 */
public record PruneSpec(boolean all, Duration keepDuration, long reservedSpace, long maxUsedSpace,
    long minFreeSpace, List<String> filters) {
  public PruneSpec {
    if (keepDuration.isNegative() || reservedSpace < 0 || maxUsedSpace < 0 || minFreeSpace < 0) {
      throw new IllegalArgumentException("prune limits must not be negative");
    }
    filters = List.copyOf(filters);
  }

  /** Only {@code all} and an age, as BuildKit's garbage collector rules are often written. */
  public static PruneSpec of(boolean all, Duration keepDuration) {
    return new PruneSpec(all, keepDuration, 0, 0, 0, List.of());
  }
}
