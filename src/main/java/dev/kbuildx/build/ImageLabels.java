package dev.kbuildx.build;

import java.util.LinkedHashMap;
import java.util.Map;

/** The image labels a build sets: OCI annotations known from the project, then the user's, which win. */
public final class ImageLabels {
  static final String VERSION = "org.opencontainers.image.version";
  static final String TITLE = "org.opencontainers.image.title";
  static final String DESCRIPTION = "org.opencontainers.image.description";
  static final String SOURCE = "org.opencontainers.image.source";
  static final String REVISION = "org.opencontainers.image.revision";

  private ImageLabels() {}

  /**
   * @param version the project version, or null
   * @param title the project name, or null
   * @param description the project description, or null
   * @param source the project's source URL (its SCM URL), or null
   * @param revision the source revision (the Git commit), or null
   * @param userLabels the labels the user set; they override the defaults
   */
  public static Map<String, String> merge(String version, String title, String description, String source,
      String revision, Map<String, String> userLabels) {
    Map<String, String> labels = new LinkedHashMap<>();
    putKnown(labels, VERSION, version);
    putKnown(labels, TITLE, title);
    putKnown(labels, DESCRIPTION, description);
    putKnown(labels, SOURCE, source);
    putKnown(labels, REVISION, revision);
    if (userLabels != null) {
      labels.putAll(userLabels);
    }
    return labels;
  }

  /** Blank values are unknown; descriptions are kept on one line, as labels are shown. */
  private static void putKnown(Map<String, String> labels, String key, String value) {
    if (value != null && !value.isBlank()) {
      labels.put(key, value.trim().replaceAll("\\s+", " "));
    }
  }
}
