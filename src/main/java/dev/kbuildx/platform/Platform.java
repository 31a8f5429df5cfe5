package dev.kbuildx.platform;

import dev.kbuildx.InvalidSettingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A target platform, {@code os/architecture[/variant]}, normalised the way containerd does so
 * that {@code linux/x86_64} and {@code linux/amd64} compare equal.
 *
 * @param variant null when the platform has none
 */
public record Platform(String os, String architecture, String variant) {

  private static final String ACCEPTED =
      "expected os/arch[/variant] such as linux/amd64 or linux/arm/v7, comma-separated, or local";

  /** Parses and normalises one platform; {@code setting} names the user setting in errors. */
  public static Platform parse(String spec, String setting) {
    String trimmed = spec == null ? "" : spec.trim();
    if (trimmed.equals("local")) {
      return local();
    }
    String[] parts = trimmed.toLowerCase(Locale.ROOT).split("/", -1);
    if (trimmed.isEmpty() || parts.length > 3 || List.of(parts).contains("")) {
      throw InvalidSettingException.setting(setting, spec == null ? "" : spec, ACCEPTED);
    }
    if (parts.length == 1) {
      // A bare architecture means Linux, the only OS BuildKit builds on Kubernetes.
      return normalise("linux", parts[0], null, spec, setting);
    }
    return normalise(parts[0], parts[1], parts.length == 3 ? parts[2] : null, spec, setting);
  }

  /** Parses a comma-separated list; blank entries are ignored and duplicates removed. */
  public static List<Platform> parseList(String specs, String setting) {
    List<Platform> result = new ArrayList<>();
    if (specs == null) {
      return result;
    }
    for (String spec : specs.split(",")) {
      if (!spec.isBlank()) {
        Platform platform = parse(spec, setting);
        if (!result.contains(platform)) {
          result.add(platform);
        }
      }
    }
    return result;
  }

  /** The platform of the machine running Maven. */
  public static Platform local() {
    return normalise("linux", System.getProperty("os.arch"), null, "local", "platforms");
  }

  private static Platform normalise(String os, String arch, String variant, String spec, String setting) {
    if (!os.matches("[a-z0-9_.-]+") || !arch.matches("[a-z0-9_.-]+")
        || (variant != null && !variant.matches("[a-z0-9_.-]+"))) {
      throw InvalidSettingException.setting(setting, spec, ACCEPTED);
    }
    switch (arch) {
      case "x86_64", "x86-64", "amd64" -> {
        arch = "amd64";
        if ("v1".equals(variant)) {
          variant = null;
        }
      }
      case "i386", "i486", "i586", "i686", "386" -> arch = "386";
      case "aarch64", "arm64" -> {
        arch = "arm64";
        if ("8".equals(variant) || "v8".equals(variant)) {
          variant = null;
        }
      }
      case "armhf" -> {
        arch = "arm";
        variant = "v7";
      }
      case "armel" -> {
        arch = "arm";
        variant = "v6";
      }
      case "arm" -> {
        if (variant == null || variant.equals("7")) {
          variant = "v7";
        } else if (variant.matches("[5-8]")) {
          variant = "v" + variant;
        }
      }
      default -> {
        // Other architectures (ppc64le, s390x, riscv64, mips64, ...) are kept as given.
      }
    }
    return new Platform(os, arch, variant);
  }

  /** {@code os/arch}, without the variant: the key buildx groups platforms by. */
  public String osArch() {
    return os + "/" + architecture;
  }

  @Override
  public String toString() {
    return variant == null ? osArch() : osArch() + "/" + variant;
  }
}
