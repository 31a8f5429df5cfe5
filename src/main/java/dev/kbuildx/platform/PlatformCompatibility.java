package dev.kbuildx.platform;

import java.util.ArrayList;
import java.util.List;

/**
 * Which platforms a machine of one platform can build, in preference order: containerd's
 * "compatibility vector", which buildx uses to pick a node for a requested platform.
 */
public final class PlatformCompatibility {

  private PlatformCompatibility() {}

  /**
   * The platforms a machine of {@code platform} can run, best first, all in normalised form and
   * starting with {@code platform} itself:
   * <ul>
   *   <li>{@code amd64/vN}: {@code amd64/vN} down to {@code amd64} (v1), then {@code 386};
   *   <li>{@code arm/vN}: {@code arm/vN} down to {@code arm/v5};
   *   <li>{@code arm64/v8.x}: {@code arm64/v8.x} down to {@code arm64}, then {@code arm/v8} down to
   *       {@code arm/v5}; {@code arm64/v9.x} first adds {@code arm64/v9.(x-1)} down to
   *       {@code arm64/v9}, then continues from {@code arm64/v8.(x+5)} (at most v8.9);
   *   <li>any other architecture: only itself.
   * </ul>
   * The operating system is kept throughout.
   */
  public static List<Platform> vector(Platform platform) {
    List<Platform> vector = new ArrayList<>();
    vector.add(platform);
    switch (platform.architecture()) {
      case "amd64" -> addAmd64Fallbacks(platform.os(), platform.variant(), vector);
      case "arm" -> addLowerArmVariants(platform.os(), platform.variant(), vector);
      case "arm64" -> addArm64Fallbacks(platform.os(), platform.variant(), vector);
      default -> {
        // Other architectures have no compatible sub-platforms.
      }
    }
    return List.copyOf(vector);
  }

  private static void addAmd64Fallbacks(String os, String variant, List<Platform> vector) {
    for (int level = versionNumber(variant) - 1; level >= 1; level--) {
      // amd64/v1 is the plain amd64 once normalised.
      vector.add(new Platform(os, "amd64", level == 1 ? null : "v" + level));
    }
    vector.add(new Platform(os, "386", null));
  }

  private static void addLowerArmVariants(String os, String variant, List<Platform> vector) {
    int version = versionNumber(variant);
    if (version > 5) {
      for (int lower = version - 1; lower >= 5; lower--) {
        vector.add(new Platform(os, "arm", "v" + lower));
      }
    }
  }

  private static void addArm64Fallbacks(String os, String normalisedVariant, List<Platform> vector) {
    // Normalisation drops v8, the baseline of arm64.
    String variant = normalisedVariant == null ? "v8" : normalisedVariant;
    int dot = variant.indexOf('.');
    int major = versionNumber(dot < 0 ? variant : variant.substring(0, dot));
    if (major >= 8) {
      // Like containerd, only a one-digit minor ("v8.2", not "v8.10") is recognised.
      int minor = 0;
      if (variant.length() == 4 && dot >= 0) {
        minor = parseIntOr(variant.substring(dot + 1), 0);
      }
      if (major == 9) {
        addLowerArm64Minors(os, 9, minor, vector);
        // v9.0 branched off v8.5, so v9.x also runs v8.(x+5), up to v8.9.
        minor = Math.min(minor + 5, 9);
        major = 8;
        vector.add(arm64(os, 8, minor));
      }
      addLowerArm64Minors(os, major, minor, vector);
    }
    // Every arm64 v8.x or v9.x also runs 32-bit arm from arm/v8 down.
    String armVariant = variant.startsWith("v8.") || variant.startsWith("v9.") ? "v8" : variant;
    vector.add(new Platform(os, "arm", normaliseArmVariant(armVariant)));
    addLowerArmVariants(os, armVariant, vector);
  }

  private static void addLowerArm64Minors(String os, int major, int minor, List<Platform> vector) {
    for (int lower = minor - 1; lower >= 0; lower--) {
      vector.add(arm64(os, major, lower));
    }
  }

  /** {@code arm64/v<major>.<minor>} in normalised form: ".0" dropped, and v8 is no variant. */
  private static Platform arm64(String os, int major, int minor) {
    if (minor == 0) {
      return new Platform(os, "arm64", major == 8 ? null : "v" + major);
    }
    return new Platform(os, "arm64", "v" + major + "." + minor);
  }

  /** A bare arm version such as "7" is normalised to "v7", as {@link Platform#parse} does. */
  private static String normaliseArmVariant(String variant) {
    return variant.matches("[5-8]") ? "v" + variant : variant;
  }

  /** The number of a variant such as "v3" or "7"; -1 when there is none. */
  private static int versionNumber(String variant) {
    if (variant == null) {
      return -1;
    }
    return parseIntOr(variant.startsWith("v") ? variant.substring(1) : variant, -1);
  }

  private static int parseIntOr(String text, int fallback) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
