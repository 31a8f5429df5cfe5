package dev.kbuildx.driver.kubernetes;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.buildkit.BuildkitdConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The buildkitd arguments of a node: the user's flags, split like a shell would, plus the flags
 * buildx adds for the kubernetes driver.
 */
public final class BuildkitdFlags {
  static final String NETWORK_HOST = "--allow-insecure-entitlement=network.host";
  static final String NO_PROCESS_SANDBOX = "--oci-worker-no-process-sandbox";
  static final String CONFIG = "--config=/etc/buildkit/buildkitd.toml";

  private static final String ACCEPTED =
      "flags are split like a shell command line; close every quote and do not end with a lone backslash";

  private BuildkitdFlags() {}

  /**
   * @param rawFlags the user's flags, null or blank for none
   * @param config the node's buildkitd config, {@link BuildkitdConfig#NONE} when unset
   */
  public static List<String> resolve(String rawFlags, BuildkitdConfig config, boolean rootless) {
    List<String> flags = split(rawFlags);
    // buildx lets builds use --network=host unless the user decided about entitlements.
    if (flags.stream().noneMatch(f -> f.startsWith("--allow-insecure-entitlement")) && !config.allowsNetworkHost()) {
      flags.add(NETWORK_HOST);
    }
    if (rootless) {
      if (!flags.contains(NO_PROCESS_SANDBOX)) {
        flags.add(NO_PROCESS_SANDBOX);
      }
      // Rootless buildkitd looks for its config under the user's home, not in /etc/buildkit where it is mounted.
      if (config.files().containsKey("buildkitd.toml") && !hasConfigFlag(flags)) {
        flags.add(CONFIG);
      }
    }
    return flags;
  }

  private static boolean hasConfigFlag(List<String> flags) {
    return flags.stream().anyMatch(f -> f.equals("--config") || f.startsWith("--config="));
  }

  /**
   * Splits on unquoted whitespace. Single quotes keep everything literally; inside double quotes
   * and outside quotes a backslash takes the next character literally.
   */
  static List<String> split(String raw) {
    List<String> words = new ArrayList<>();
    if (raw == null) {
      return words;
    }
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (quote == '\'') {
        if (c == '\'') {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '\\') {
        if (++i == raw.length()) {
          throw InvalidSettingException.setting("buildkitdFlags", raw, "the flags end with a lone backslash; " + ACCEPTED);
        }
        word.append(raw.charAt(i));
        inWord = true;
      } else if (quote == '"') {
        if (c == '"') {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (quote != 0) {
      throw InvalidSettingException.setting("buildkitdFlags", raw, "a " + quote + " quote is not closed; " + ACCEPTED);
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }
}
