package dev.kbuildx.buildkit;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.SettingKey;
import dev.kbuildx.options.CsvOptions;
import dev.kbuildx.options.GoBoolean;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An attestation BuildKit attaches to the image, as buildx's {@code --attest} declares it: SLSA
 * provenance or an SBOM. It reaches the Dockerfile frontend as the attribute {@code attest:<type>},
 * whose value is the other fields; a disabled one is not sent at all.
 *
 * @param type {@value #PROVENANCE} or {@value #SBOM}
 * @param disabled declared only to turn it off ({@code --provenance=false})
 * @param attributes the fields besides {@code type} and {@code disabled}, in the order written
 */
public record Attestation(String type, boolean disabled, Map<String, String> attributes) {

  /** The {@link InvalidSettingException#setting()} key of the attestations setting. */
  public static final String SETTING = SettingKey.ATTESTATIONS.key();
  public static final String PROVENANCE = "provenance";
  public static final String SBOM = "sbom";
  /** The frontend attribute prefix; the frontend reads {@code attest:provenance} and {@code attest:sbom}. */
  public static final String FRONTEND_PREFIX = "attest:";

  private static final String ACCEPTED = "expected type=provenance[,mode=min|max][,builder-id=...],"
      + " type=sbom[,generator=<scanner image>], or either with disabled=true";
  private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+).*");
  private static final List<String> PROVENANCE_MODES = List.of("min", "max");

  public Attestation {
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }

  /** Reads buildx's {@code --attest} form, e.g. {@code type=provenance,mode=max} or {@code type=sbom}. */
  public static Attestation parse(String spec) {
    String value = spec == null ? "" : spec.trim();
    CsvOptions fields = CsvOptions.parse(value, SETTING);
    String type = fields.takeRequired("type", ACCEPTED).trim().toLowerCase(Locale.ROOT);
    if (!type.equals(PROVENANCE) && !type.equals(SBOM)) {
      throw fields.invalid("BuildKit attaches provenance and sbom attestations, not " + type + "; " + ACCEPTED);
    }
    boolean disabled = fields.takeBoolean("disabled");
    Map<String, String> attributes = fields.remaining();
    String mode = attributes.get("mode");
    if (type.equals(PROVENANCE) && mode != null && !PROVENANCE_MODES.contains(mode)) {
      throw fields.invalid("the provenance mode is min or max, not " + mode);
    }
    String generator = attributes.get("generator");
    if (type.equals(SBOM) && generator != null && generator.isBlank()) {
      throw fields.invalid("generator names the scanner image, e.g. docker/buildkit-syft-scanner");
    }
    return new Attestation(type, disabled, attributes);
  }

  /**
   * Reads the shorthand of buildx's {@code --provenance} and {@code --sbom}: a boolean turns the
   * attestation on or off, anything else is its fields, e.g. {@code mode=max}; empty turns it on.
   *
   * @param type {@value #PROVENANCE} or {@value #SBOM}
   */
  public static Attestation shorthand(String type, String value) {
    String fields = value == null ? "" : value.trim();
    // buildx's shorthand also takes a bare boolean, in Go's spellings.
    String rest = GoBoolean.parse(fields).map(enabled -> ",disabled=" + !enabled)
        .orElse(fields.isEmpty() ? "" : "," + fields);
    Attestation attestation = parse("type=" + type + rest);
    if (!attestation.type().equals(type)) {
      throw InvalidSettingException.setting(SETTING, fields, "the " + type + " setting cannot declare another type");
    }
    return attestation;
  }

  /**
   * Whether the daemon attaches attestations: BuildKit does since v0.11 (the first to answer
   * {@code Info}); a version that is not a number, such as {@link DaemonFeatures#CURRENT}'s, counts as new.
   */
  public static boolean supportedBy(DaemonFeatures daemon) {
    Matcher version = VERSION.matcher(daemon.version());
    if (version.matches()) {
      return Integer.parseInt(version.group(1)) > 0 || Integer.parseInt(version.group(2)) >= 11;
    }
    return !daemon.versionUnknown();
  }

  /** The value of {@code attest:<type>}: the fields as CSV, quoted where they hold commas or quotes. */
  public String frontendValue() {
    return attributes.entrySet().stream()
        .map(field -> quoted(field.getValue().isEmpty() ? field.getKey() : field.getKey() + "=" + field.getValue()))
        .collect(Collectors.joining(","));
  }

  private static String quoted(String field) {
    return field.contains(",") || field.contains("\"") ? "\"" + field.replace("\"", "\"\"") + "\"" : field;
  }
}
