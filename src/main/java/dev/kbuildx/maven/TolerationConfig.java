package dev.kbuildx.maven;

import dev.kbuildx.driver.kubernetes.TolerationSpec;

/**
 * XML form of one pod toleration:
 * {@code <toleration><key>arch</key><operator>Equal</operator><value>arm64</value><effect>NoSchedule</effect></toleration>}.
 */
public class TolerationConfig {
  /** The taint key; empty with operator {@code Exists} tolerates every taint. */
  private String key;

  /** {@code Equal} (default) or {@code Exists}, in any case. */
  private String operator;

  /** The taint value, for operator {@code Equal}. */
  private String value;

  /** {@code NoSchedule}, {@code PreferNoSchedule} or {@code NoExecute}; empty matches all effects. */
  private String effect;

  /** Seconds the pod stays bound to a node tainted with {@code NoExecute}. */
  private String tolerationSeconds;

  /** The raw values; the driver option parser validates them. */
  TolerationSpec toRawSpec() {
    Long seconds = null;
    if (tolerationSeconds != null && !tolerationSeconds.isBlank()) {
      try {
        seconds = Long.valueOf(tolerationSeconds.trim());
      } catch (NumberFormatException e) {
        throw dev.kbuildx.InvalidSettingException.driverOption(
            "tolerations", tolerationSeconds, "tolerationSeconds must be a whole number of seconds");
      }
    }
    return new TolerationSpec(key, operator, value, effect, seconds);
  }
}
