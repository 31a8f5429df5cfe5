package dev.kbuildx.driver.kubernetes;

import dev.kbuildx.InvalidSettingException;
import java.util.LinkedHashMap;

/**
 * The string form of the map options ({@code nodeselector}, {@code annotations}, {@code labels}):
 * {@code a=1,b=2}. Unlike buildx, an item is split on its first {@code =} only, so values may
 * contain {@code =}.
 */
final class KeyValueList {
  private KeyValueList() {}

  /** Parses {@code value} in order; a repeated key keeps its last value. An empty value is an empty map. */
  static LinkedHashMap<String, String> parse(String key, String value) {
    LinkedHashMap<String, String> entries = new LinkedHashMap<>();
    // buildx strips the quotes a shell or CSV layer may have left around the whole list.
    String list = stripQuotes(value);
    if (list.isEmpty()) {
      return entries;
    }
    for (String item : list.split(",", -1)) {
      int equals = item.indexOf('=');
      if (equals <= 0) {
        throw InvalidSettingException.driverOption(key, value, (item.isEmpty()
            ? "an empty item (doubled or trailing comma) is not accepted"
            : "the item \"" + item + "\" is not key=value")
            + "; accepted: comma-separated key=value items, for example " + key + "=a=1,b=2");
      }
      entries.put(item.substring(0, equals), item.substring(equals + 1));
    }
    return entries;
  }

  private static String stripQuotes(String value) {
    int start = 0;
    int end = value.length();
    while (start < end && value.charAt(start) == '"') {
      start++;
    }
    while (end > start && value.charAt(end - 1) == '"') {
      end--;
    }
    return value.substring(start, end);
  }
}
