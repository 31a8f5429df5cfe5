package dev.kbuildx.options;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.SettingKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * buildx's outer layer of {@code --driver-opt}: one CSV record of {@code key=value} fields. A
 * field holding commas (the map options) is quoted as a whole, with {@code ""} for a quote inside
 * it: {@code "nodeselector=a=1,b=2",namespace=ci}.
 */
public final class DriverOptionsCsv {
  private static final String SETTING = SettingKey.DRIVER_OPTS.key();
  private static final String ACCEPTED =
      "fields must be key=value, separated by commas; quote a field that contains commas, doubling"
          + " any quote inside it: \"nodeselector=a=1,b=2\",namespace=ci";

  private DriverOptionsCsv() {}

  /**
   * Splits one record into options, each field on its first {@code =}; a repeated key keeps its
   * last value. A blank record is no options. Spaces before a field are ignored, so that
   * {@code replicas=2, namespace=ci} reads as two options.
   */
  public static LinkedHashMap<String, String> parse(String csv) {
    LinkedHashMap<String, String> options = new LinkedHashMap<>();
    if (csv == null || csv.isBlank()) {
      return options;
    }
    for (String field : fields(csv)) {
      int equals = field.indexOf('=');
      if (equals < 0) {
        throw invalid(csv, "the field \"" + field + "\" has no '='");
      }
      if (equals == 0) {
        throw invalid(csv, "the field \"" + field + "\" has no key before '='");
      }
      options.put(field.substring(0, equals), field.substring(equals + 1));
    }
    return options;
  }

  private static List<String> fields(String csv) {
    // A trailing line break is what a shell or properties file often leaves; it is not part of the data.
    String record = csv.endsWith("\r\n") ? csv.substring(0, csv.length() - 2)
        : csv.endsWith("\n") ? csv.substring(0, csv.length() - 1) : csv;
    List<String> fields = new ArrayList<>();
    int i = 0;
    while (true) {
      while (i < record.length() && (record.charAt(i) == ' ' || record.charAt(i) == '\t')) {
        i++;
      }
      StringBuilder field = new StringBuilder();
      if (i < record.length() && record.charAt(i) == '"') {
        i = readQuoted(csv, record, i + 1, field);
      } else {
        i = readUnquoted(csv, record, i, field);
      }
      fields.add(field.toString());
      if (i >= record.length()) {
        return fields;
      }
      i++; // the comma
    }
  }

  /** Reads up to the quote that closes the field; returns the index of the following comma or the end. */
  private static int readQuoted(String csv, String record, int start, StringBuilder field) {
    int i = start;
    while (i < record.length()) {
      char c = record.charAt(i);
      if (c != '"') {
        field.append(c);
        i++;
      } else if (i + 1 < record.length() && record.charAt(i + 1) == '"') {
        field.append('"');
        i += 2;
      } else if (i + 1 == record.length() || record.charAt(i + 1) == ',') {
        return i + 1;
      } else {
        throw invalid(csv, "column " + (i + 2) + ": text follows the closing quote of a quoted field");
      }
    }
    throw invalid(csv, "a quoted field is not closed");
  }

  /** Reads up to the next comma or the end; returns its index. */
  private static int readUnquoted(String csv, String record, int start, StringBuilder field) {
    int i = start;
    while (i < record.length() && record.charAt(i) != ',') {
      char c = record.charAt(i);
      if (c == '"') {
        throw invalid(csv, "column " + (i + 1) + ": a quote inside a field that does not start with a quote");
      }
      if (c == '\n' || c == '\r') {
        throw invalid(csv, "column " + (i + 1) + ": a line break outside quotes (the options are one line)");
      }
      field.append(c);
      i++;
    }
    return i;
  }

  private static InvalidSettingException invalid(String csv, String problem) {
    return InvalidSettingException.setting(SETTING, csv, problem + "; " + ACCEPTED);
  }
}
