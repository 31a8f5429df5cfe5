package dev.kbuildx.buildkit;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.SettingKey;
import java.util.Locale;

/** The network of {@code RUN} steps, as buildx's {@code --network} sets it. */
public enum NetworkMode {
  /** BuildKit's sandbox network; nothing is sent. */
  DEFAULT,
  /** The builder's host network; also needs the {@code network.host} entitlement on the daemon. */
  HOST,
  /** No network at all. */
  NONE;

  /** Reads {@code default}, {@code host} or {@code none}; blank is {@link #DEFAULT}. */
  public static NetworkMode parse(String value) {
    String mode = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    return switch (mode) {
      case "", "default" -> DEFAULT;
      case "host" -> HOST;
      case "none" -> NONE;
      default -> throw InvalidSettingException.setting(SettingKey.NETWORK.key(), value,
          "expected default, host or none; other networks are configured on the builder, not per build");
    };
  }

  /** The frontend's {@code force-network-mode} value, or null for the default. */
  String frontendValue() {
    return this == DEFAULT ? null : name().toLowerCase(Locale.ROOT);
  }
}
