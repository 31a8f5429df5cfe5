package dev.kbuildx.options;

import dev.kbuildx.InvalidSettingException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The fields of one buildx-style {@code key=value,...} value ({@code --output}, {@code --cache-to},
 * {@code --secret}), read field by field so that each parser takes the keys it knows and can tell
 * which are left. Keys are case-insensitive as in buildx.
 */
public final class CsvOptions {
  private static final String FIELDS = "fields are key=value, separated by commas; quote a field that contains"
      + " commas, doubling any quote inside it: type=image,\"name=app:1,app:latest\",push=true";

  private final String setting;
  private final String csv;
  private final LinkedHashMap<String, String> fields = new LinkedHashMap<>();

  private CsvOptions(String setting, String csv, Map<String, String> parsed) {
    this.setting = setting;
    this.csv = csv;
    parsed.forEach((key, value) -> fields.put(key.trim().toLowerCase(Locale.ROOT), value));
  }

  /** Splits {@code csv} with buildx's quoting rules; {@code setting} names the user setting in errors. */
  public static CsvOptions parse(String csv, String setting) {
    try {
      return new CsvOptions(setting, csv, DriverOptionsCsv.parse(csv));
    } catch (InvalidSettingException e) {
      // The shared parser explains its rules with a driver-option example; keep its problem, show ours.
      String problem = e.accepted().split("; ", 2)[0];
      throw InvalidSettingException.setting(setting, csv, problem + "; " + FIELDS);
    }
  }

  /** Removes and returns a field, or null when absent. */
  public String take(String key) {
    return fields.remove(key);
  }

  /** Removes a field that must be present and not blank. */
  public String takeRequired(String key, String accepted) {
    String value = take(key);
    if (value == null || value.isBlank()) {
      throw invalid(key + " is required; " + accepted);
    }
    return value;
  }

  /** {@link #takeBoolean(String, boolean)} of a field that is false when absent. */
  public boolean takeBoolean(String key) {
    return takeBoolean(key, false);
  }

  /**
   * Removes a boolean field. As BuildKit reads exporter attributes, a present but empty value is
   * {@code true}; spellings are those of Go's {@code strconv.ParseBool}.
   */
  public boolean takeBoolean(String key, boolean absent) {
    String value = take(key);
    if (value == null) {
      return absent;
    }
    if (value.isEmpty()) {
      return true;
    }
    return GoBoolean.parse(value).orElseThrow(() ->
        invalid(key + "=" + value + " is not a boolean; accepted: " + GoBoolean.SPELLINGS));
  }

  /** Removes a path field and resolves it against the project's base directory. */
  public Path takePath(String key, Path baseDirectory, String accepted) {
    return baseDirectory.resolve(takeRequired(key, accepted)).normalize();
  }

  /** The fields nobody took yet, in the order written. */
  public Map<String, String> remaining() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** Fails when a field is left that the caller does not pass on. */
  public void requireNoneLeft(String accepted) {
    if (!fields.isEmpty()) {
      throw invalid("unknown field " + fields.keySet().iterator().next() + "; " + accepted);
    }
  }

  public InvalidSettingException invalid(String problem) {
    return InvalidSettingException.setting(setting, csv, problem);
  }
}
