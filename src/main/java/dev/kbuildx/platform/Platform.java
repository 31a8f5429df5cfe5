package dev.kbuildx.platform;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.SettingKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A target platform, {@code os/architecture[/variant]}, normalised the way containerd does so
 * that {@code linux/x86_64} and {@code linux/amd64} compare equal.
 *
 * @param variant null when the platform has none
 */
public record Platform(String os, String architecture, String variant) {

  private static final String ACCEPTED =
      "expected os/arch[/variant] such as linux/amd64 or linux/arm/v7, comma-separated, or local";
  /** Go's operating systems and architectures, which containerd accepts as a lone component. */
  private static final Set<String> KNOWN_OS = Set.of("aix", "android", "darwin", "dragonfly", "freebsd", "hurd",
      "illumos", "ios", "js", "linux", "nacl", "netbsd", "openbsd", "plan9", "solaris", "wasip1", "windows", "zos");
  private static final Set<String> KNOWN_ARCHITECTURES = Set.of("386", "amd64", "amd64p32", "arm", "armbe", "arm64",
      "arm64be", "ppc64", "ppc64le", "loong64", "mips", "mipsle", "mips64", "mips64le", "mips64p32", "mips64p32le",
      "ppc", "riscv", "riscv64", "s390", "s390x", "sparc", "sparc64", "wasm");

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
      return single(parts[0], spec, setting);
    }
    return normalise(parts[0], parts[1], parts.length == 3 ? parts[2] : null, spec, setting);
  }

  /**
   * containerd's rule for one component: a known OS gets the local architecture, a known
   * architecture gets Linux (the only OS BuildKit builds on Kubernetes), anything else is refused.
   */
  private static Platform single(String part, String spec, String setting) {
    if (KNOWN_OS.contains(part) || part.equals("macos")) {
      Platform local = local();
      return normalise(part, local.architecture(), local.variant(), spec, setting);
    }
    Platform platform = normalise("linux", part, null, spec, setting);
    if (!KNOWN_ARCHITECTURES.contains(platform.architecture())) {
      throw InvalidSettingException.setting(setting, spec, "\"" + part
          + "\" is neither a known operating system nor a known architecture; " + ACCEPTED);
    }
    return platform;
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
    return normalise("linux", System.getProperty("os.arch"), null, "local", SettingKey.PLATFORMS.key());
  }

  private static Platform normalise(String os, String arch, String variant, String spec, String setting) {
    if (!os.matches("[a-z0-9_.-]+") || !arch.matches("[a-z0-9_.-]+")
        || (variant != null && !variant.matches("[a-z0-9_.-]+"))) {
      throw InvalidSettingException.setting(setting, spec, ACCEPTED);
    }
    if (os.equals("macos")) {
      os = "darwin";
    }
    switch (arch) {
      case "x86_64", "x86-64", "amd64" -> {
        arch = "amd64";
        if ("v1".equals(variant)) {
          variant = null;
        }
      }
      case "i386", "i486", "i586", "i686" -> {
        arch = "386";
        variant = null;
      }
      case "aarch64", "arm64" -> {
        arch = "arm64";
        if ("8".equals(variant) || "v8".equals(variant) || "v8.0".equals(variant)) {
          variant = null;
        } else if ("9".equals(variant) || "9.0".equals(variant) || "v9.0".equals(variant)) {
          variant = "v9";
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
