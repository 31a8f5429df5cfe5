package dev.kbuildx.maven;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.SettingKey;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Where {@code ls}, {@code inspect} and {@code du} print: a table through Maven's log, for people,
 * or JSON on standard output, for scripts, so that {@code mvn -q ... -Dkbuildx.format=json} prints
 * nothing else.
 */
final class ScriptOutput {
  static final String TABLE = "table";
  static final String JSON = "json";

  private final boolean json;

  private ScriptOutput(boolean json) {
    this.json = json;
  }

  /** The {@code format} setting, checked before anything is read. */
  static ScriptOutput of(String format) {
    String value = format == null ? TABLE : format.trim().toLowerCase(Locale.ROOT);
    if (!value.equals(TABLE) && !value.equals(JSON)) {
      throw InvalidSettingException.setting(SettingKey.FORMAT.key(), String.valueOf(format),
          "expected " + TABLE + " (the default, through Maven's log) or " + JSON + " (on standard output)");
    }
    return new ScriptOutput(value.equals(JSON));
  }

  boolean isJson() {
    return json;
  }

  /** Prints the JSON on standard output, or the table's lines to {@code log}. */
  void print(Supplier<String> jsonText, Supplier<List<String>> tableLines, Consumer<String> log) {
    if (json) {
      System.out.println(jsonText.get());
      System.out.flush();
    } else {
      tableLines.get().forEach(log);
    }
  }
}
