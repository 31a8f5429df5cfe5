package dev.kbuildx.care;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.SettingKey;
import dev.kbuildx.buildkit.PruneSpec;
import dev.kbuildx.options.ByteSize;
import dev.kbuildx.options.GoDuration;
import java.time.Duration;
import java.util.List;

/** Turns the settings of {@code prune}, as the user wrote them, into a checked {@link PruneSpec}. */
public final class PruneSettings {
  private PruneSettings() {}

  /**
   * Every value is checked before any daemon is dialled; blank values leave their limit unset.
   *
   * @param keepDuration a Go duration such as {@code 24h}; an {@code until} filter sets it too, but not both
   * @param reservedSpace bytes always kept, a size such as {@code 10g}
   * @param maxUsedSpace bytes kept at most
   * @param minFreeSpace bytes of disk to leave free
   */
  public static PruneSpec parse(boolean all, String keepDuration, String reservedSpace, String maxUsedSpace,
      String minFreeSpace, List<String> filters) {
    CacheFilters parsed = CacheFilters.parse(filters);
    Duration keep = duration(keepDuration);
    if (!keep.isZero() && !parsed.until().isZero()) {
      throw InvalidSettingException.setting(SettingKey.KEEP_DURATION.key(), keepDuration,
          "an until filter sets the keep duration too; set only one of them");
    }
    return new PruneSpec(all, keep.isZero() ? parsed.until() : keep, size(SettingKey.RESERVED_SPACE, reservedSpace),
        size(SettingKey.MAX_USED_SPACE, maxUsedSpace), size(SettingKey.MIN_FREE_SPACE, minFreeSpace),
        parsed.expressions());
  }

  private static Duration duration(String value) {
    if (value == null || value.isBlank()) {
      return Duration.ZERO;
    }
    Duration duration = GoDuration.parseSetting(SettingKey.KEEP_DURATION.key(), value.trim());
    if (duration.isNegative()) {
      throw InvalidSettingException.setting(SettingKey.KEEP_DURATION.key(), value,
          "a duration of zero or more is expected, such as 24h or 90m");
    }
    return duration;
  }

  private static long size(SettingKey key, String value) {
    return value == null || value.isBlank() ? 0 : ByteSize.parse(key.key(), value.trim());
  }
}
