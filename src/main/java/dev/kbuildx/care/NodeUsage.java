package dev.kbuildx.care;

import dev.kbuildx.buildkit.UsageInfo;
import java.util.List;

/**
 * The build-cache records of one node: those it holds ({@code du}) or those it deleted ({@code prune}).
 *
 * @param error why the node's daemon could not be asked, or null
 */
public record NodeUsage(String name, List<UsageInfo> records, String error) {
  public NodeUsage {
    records = List.copyOf(records);
  }

  /** Bytes of all records. */
  public long total() {
    return records.stream().mapToLong(UsageInfo::size).sum();
  }

  /** Bytes a prune could delete now. */
  public long reclaimable() {
    return records.stream().filter(UsageInfo::reclaimable).mapToLong(UsageInfo::size).sum();
  }

  /** Bytes of records whose data other records hold too. */
  public long shared() {
    return records.stream().filter(UsageInfo::shared).mapToLong(UsageInfo::size).sum();
  }
}
