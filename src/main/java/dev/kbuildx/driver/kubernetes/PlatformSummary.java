package dev.kbuildx.driver.kubernetes;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.SettingKey;
import dev.kbuildx.platform.Platform;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The PLATFORMS cell of {@code ls}: buildx's truncation of a long platform list to at most four
 * entries, grouping platforms that share {@code os/arch}. Entries suffixed {@code *} are the
 * user-declared ones.
 */
public final class PlatformSummary {
  private static final int MAX_ENTRIES = 4;
  /** The groups buildx always collects and prints first, in this order. */
  private static final List<String> MAJOR_KEYS = List.of(
      "linux/amd64", "linux/arm64", "linux/arm", "linux/ppc64le",
      "linux/s390x", "linux/riscv64", "linux/mips64");

  private PlatformSummary() {}

  /**
   * The cell's entries before truncation: the declared platforms suffixed {@code *}, then the
   * detected ones not declared already (compared in their normalised form), each once.
   */
  public static List<String> entries(List<Platform> declared, List<Platform> detected) {
    Set<String> listed = new LinkedHashSet<>();
    List<String> entries = new ArrayList<>();
    for (Platform platform : declared) {
      if (listed.add(platform.toString())) {
        entries.add(platform + "*");
      }
    }
    for (Platform platform : detected) {
      if (listed.add(platform.toString())) {
        entries.add(platform.toString());
      }
    }
    return entries;
  }

  /** Joins the platforms with {@code ", "}, truncated the way buildx's table does when asked. */
  public static String format(List<String> platformsWithStars, boolean truncate) {
    if (!truncate) {
      return String.join(", ", platformsWithStars);
    }
    Map<String, List<String>> majors = collectMajors(platformsWithStars);
    Map<String, List<String>> others = new TreeMap<>();
    if (majors.size() < MAX_ENTRIES) {
      // Deliberately unbounded: printing stops at four entries, the rest becomes "(n more)".
      for (String platform : platformsWithStars) {
        String key = groupKey(platform);
        if (key != null && !majors.containsKey(key)) {
          others.computeIfAbsent(key, k -> new ArrayList<>()).add(platform);
        }
      }
    }
    List<String> entries = new ArrayList<>();
    int printedPlatforms = 0;
    for (Map.Entry<String, List<String>> group : majors.entrySet()) {
      entries.add(entry(group.getKey(), group.getValue()));
      printedPlatforms += group.getValue().size();
    }
    for (Map.Entry<String, List<String>> group : others.entrySet()) {
      if (entries.size() >= MAX_ENTRIES) {
        break;
      }
      entries.add(entry(group.getKey(), group.getValue()));
      printedPlatforms += group.getValue().size();
    }
    int hidden = platformsWithStars.size() - printedPlatforms;
    if (hidden > 0) {
      entries.add("(" + hidden + " more)");
    }
    return String.join(", ", entries);
  }

  /** Major groups in their fixed order; collection stops once four groups exist, as in buildx. */
  private static Map<String, List<String>> collectMajors(List<String> platforms) {
    Map<String, List<String>> groups = new LinkedHashMap<>();
    for (String major : MAJOR_KEYS) {
      for (String platform : platforms) {
        if (groups.size() >= MAX_ENTRIES) {
          return groups;
        }
        if (major.equals(groupKey(platform))) {
          groups.computeIfAbsent(major, k -> new ArrayList<>()).add(platform);
        }
      }
    }
    return groups;
  }

  private static String entry(String key, List<String> members) {
    if (members.size() == 1) {
      return members.get(0);
    }
    boolean declared = members.stream().anyMatch(p -> p.endsWith("*"));
    return key + (declared ? "*" : "") + " (+" + members.size() + ")";
  }

  /** {@code os/arch} of a platform, or null when it does not parse (buildx skips those too). */
  private static String groupKey(String platform) {
    String bare = platform.endsWith("*") ? platform.substring(0, platform.length() - 1) : platform;
    try {
      return Platform.parse(bare, SettingKey.PLATFORMS.key()).osArch();
    } catch (InvalidSettingException unparseable) {
      return null;
    }
  }
}
