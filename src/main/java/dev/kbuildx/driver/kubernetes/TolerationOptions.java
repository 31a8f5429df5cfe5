package dev.kbuildx.driver.kubernetes;

import dev.kbuildx.InvalidSettingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The {@code tolerations} option: {@code key=k,operator=Equal,value=v,effect=NoSchedule;key=...}.
 * Tolerations are checked and normalised here, so that what the API server would reject (or
 * silently ignore, as buildx does with items it cannot split) is reported with the option.
 */
final class TolerationOptions {
  private static final String FIELDS = "key, operator, value, effect, tolerationSeconds";
  private static final String SYNTAX =
      "accepted: tolerations separated by ';', each made of ','-separated fields " + FIELDS
          + ", for example key=dedicated,operator=Equal,value=ci,effect=NoSchedule;operator=Exists";
  private static final Map<String, String> OPERATORS = Map.of("equal", "Equal", "exists", "Exists");
  private static final Map<String, String> EFFECTS =
      Map.of("noschedule", "NoSchedule", "prefernoschedule", "PreferNoSchedule", "noexecute", "NoExecute");

  private TolerationOptions() {}

  /** Parses the string form; every toleration is checked as by {@link #normalise}. An empty value is no tolerations. */
  static List<TolerationSpec> parse(String value) {
    List<TolerationSpec> tolerations = new ArrayList<>();
    if (value.isEmpty()) {
      return tolerations;
    }
    for (String segment : value.split(";", -1)) {
      if (segment.isEmpty()) {
        throw invalid(value, "an empty toleration (doubled or trailing ';') is not accepted; " + SYNTAX);
      }
      String key = null;
      String operator = null;
      String tolerationValue = null;
      String effect = null;
      String seconds = null;
      for (String item : segment.split(",", -1)) {
        int equals = item.indexOf('=');
        if (equals < 0) {
          throw invalid(value, "the item \"" + item + "\" is not field=value; " + SYNTAX);
        }
        String field = item.substring(0, equals);
        String fieldValue = item.substring(equals + 1);
        switch (field) {
          case "key" -> key = fieldValue;
          case "operator" -> operator = fieldValue;
          case "value" -> tolerationValue = fieldValue;
          case "effect" -> effect = fieldValue;
          case "tolerationSeconds" -> seconds = fieldValue;
          default -> throw invalid(value, "unknown field \"" + field + "\"; " + SYNTAX);
        }
      }
      tolerations.add(normalise(key, operator, tolerationValue, effect, parseSeconds(value, seconds), value));
    }
    return tolerations;
  }

  /** Checks and normalises a toleration given in typed form (fields as the user wrote them). */
  static TolerationSpec normalise(TolerationSpec raw) {
    return normalise(raw.key(), raw.operator(), raw.value(), raw.effect(), raw.tolerationSeconds(), format(raw));
  }

  private static Long parseSeconds(String shown, String seconds) {
    if (seconds == null || seconds.isEmpty()) {
      return null;
    }
    if (!seconds.matches("[+-]?[0-9]{1,19}")) {
      throw invalid(shown, "tolerationSeconds \"" + seconds + "\" is not a whole number of seconds; " + SYNTAX);
    }
    try {
      return Long.parseLong(seconds);
    } catch (NumberFormatException e) {
      throw invalid(shown, "tolerationSeconds \"" + seconds + "\" is out of range; " + SYNTAX);
    }
  }

  private static TolerationSpec normalise(
      String rawKey, String rawOperator, String rawValue, String rawEffect, Long seconds, String shown) {
    String key = emptyToNull(rawKey);
    String value = emptyToNull(rawValue);
    String operator = canonical(rawOperator, OPERATORS, "operator", "Equal or Exists", shown);
    String effect = canonical(rawEffect, EFFECTS, "effect", "NoSchedule, PreferNoSchedule or NoExecute (or unset for all)", shown);
    boolean exists = "Exists".equals(operator);
    if (key != null && !KubernetesNames.isQualifiedName(key)) {
      throw invalid(shown, "the key \"" + key + "\" is not accepted; a key must be " + KubernetesNames.QUALIFIED_NAME_RULE);
    }
    if (key == null && !exists) {
      throw invalid(shown, "a toleration without a key matches every taint and needs operator=Exists");
    }
    if (exists && value != null) {
      throw invalid(shown, "operator=Exists matches any value, so a value is not accepted with it");
    }
    if (value != null && !KubernetesNames.isLabelValue(value)) {
      throw invalid(shown, "the value \"" + value + "\" is not accepted; a value must be " + KubernetesNames.LABEL_VALUE_RULE);
    }
    if (seconds != null && !"NoExecute".equals(effect)) {
      throw invalid(shown, "tolerationSeconds only applies to effect=NoExecute");
    }
    if (seconds != null && seconds < 0) {
      throw invalid(shown, "tolerationSeconds must be 0 or more (0 evicts at once)");
    }
    return new TolerationSpec(key, operator, value, effect, seconds);
  }

  /** Matches case-insensitively, so the buildx documentation's {@code operator=exists} works. */
  private static String canonical(String raw, Map<String, String> accepted, String field, String names, String shown) {
    if (raw == null || raw.isEmpty()) {
      return null;
    }
    String canonical = accepted.get(raw.toLowerCase(Locale.ROOT));
    if (canonical == null) {
      throw invalid(shown, field + " \"" + raw + "\" is not accepted; accepted: " + names);
    }
    return canonical;
  }

  /** The string form, fields in a fixed order, unset fields left out; it parses back to the same list. */
  static String format(List<TolerationSpec> tolerations) {
    StringJoiner all = new StringJoiner(";");
    tolerations.forEach(toleration -> all.add(format(toleration)));
    return all.toString();
  }

  private static String format(TolerationSpec toleration) {
    StringJoiner fields = new StringJoiner(",");
    addField(fields, "key", toleration.key());
    addField(fields, "operator", toleration.operator());
    addField(fields, "value", toleration.value());
    addField(fields, "effect", toleration.effect());
    addField(fields, "tolerationSeconds", toleration.tolerationSeconds() == null ? null : toleration.tolerationSeconds().toString());
    return fields.toString();
  }

  private static void addField(StringJoiner fields, String name, String value) {
    if (value != null && !value.isEmpty()) {
      fields.add(name + "=" + value);
    }
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }

  private static InvalidSettingException invalid(String shown, String accepted) {
    return InvalidSettingException.driverOption(KubernetesOption.TOLERATIONS.key(), shown, accepted);
  }
}
