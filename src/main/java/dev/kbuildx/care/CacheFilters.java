package dev.kbuildx.care;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.SettingKey;
import dev.kbuildx.options.GoDuration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * buildx's {@code --filter} values of {@code du} and {@code prune}: {@code key=value} (equal),
 * {@code key!=value} (not equal) or {@code key~=value} (regular expression), such as
 * {@code type=regular} or {@code description~=COPY}; every filter must match. {@code until=24h}
 * (or its old name {@code unused-for}) keeps what was used within that time, as buildx turns it into
 * the prune's keep duration.
 *
 * @param expressions BuildKit's filter expressions, such as {@code type==regular}
 * @param until the keep duration of an {@code until} filter, zero without one
 */
public record CacheFilters(List<String> expressions, Duration until) {
  static final String SETTING = SettingKey.FILTERS.key();
  private static final Pattern FILTER = Pattern.compile("([A-Za-z][A-Za-z0-9._-]*)(==|!=|~=|=)(.*)");
  private static final String ACCEPTED = "a filter is key=value, key!=value or key~=regular-expression,"
      + " such as type=regular, id=<record id>, description~=COPY or until=24h";

  public CacheFilters {
    expressions = List.copyOf(expressions);
  }

  /** @param filters as the user wrote them; blank entries are ignored */
  public static CacheFilters parse(List<String> filters) {
    List<String> expressions = new ArrayList<>();
    Duration until = Duration.ZERO;
    for (String filter : filters) {
      if (filter == null || filter.isBlank()) {
        continue;
      }
      Matcher matcher = FILTER.matcher(filter.trim());
      if (!matcher.matches()) {
        throw InvalidSettingException.setting(SETTING, filter, ACCEPTED);
      }
      String key = matcher.group(1);
      String operator = matcher.group(2);
      String value = matcher.group(3);
      if (key.equals("until") || key.equals("unused-for")) {
        if (!operator.equals("=")) {
          throw InvalidSettingException.setting(SETTING, filter, key + " takes a duration after =, such as until=24h");
        }
        until = GoDuration.parseSetting(SETTING, value);
        if (until.isNegative()) {
          throw InvalidSettingException.setting(SETTING, filter, "the duration must not be negative");
        }
      } else {
        expressions.add(key + (operator.equals("=") ? "==" : operator) + value);
      }
    }
    return new CacheFilters(expressions, until);
  }
}
