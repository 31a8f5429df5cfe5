package dev.kbuildx.registry;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.platform.Platform;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The annotations an image export's attributes ask the merged index for:
 * {@code annotation-index.<key>} on the index, {@code annotation-manifest-descriptor.<key>} on
 * every entry and {@code annotation-manifest-descriptor[<os/arch[/variant]>].<key>} on the entries
 * of that platform. Other {@code annotation*} attributes are for BuildKit's own exporter.
 */
record IndexAnnotations(Map<String, String> index, List<DescriptorAnnotation> descriptors) {

  static final String INDEX_PREFIX = "annotation-index.";
  static final String DESCRIPTOR_PREFIX = "annotation-manifest-descriptor";

  /** One descriptor annotation; {@code platform} null for every entry. */
  record DescriptorAnnotation(Platform platform, String key, String value) {

    boolean appliesTo(OciPlatform entryPlatform) {
      return platform == null || entryPlatform != null && platform.toString().equals(normalised(entryPlatform));
    }

    /** Compared normalised, so that a {@code linux/arm64/v8} entry matches {@code [linux/arm64]}. */
    private static String normalised(OciPlatform entryPlatform) {
      try {
        return Platform.parse(entryPlatform.format(), "platform").toString();
      } catch (InvalidSettingException e) {
        return entryPlatform.format();
      }
    }
  }

  IndexAnnotations {
    index = Map.copyOf(index);
    descriptors = List.copyOf(descriptors);
  }

  static IndexAnnotations from(Map<String, String> exportAttributes) {
    Map<String, String> index = new TreeMap<>();
    List<DescriptorAnnotation> descriptors = new ArrayList<>();
    new TreeMap<>(exportAttributes).forEach((attribute, value) -> {
      if (attribute.startsWith(INDEX_PREFIX) && attribute.length() > INDEX_PREFIX.length()) {
        index.put(attribute.substring(INDEX_PREFIX.length()), value);
      } else if (attribute.startsWith(DESCRIPTOR_PREFIX + ".") && attribute.length() > DESCRIPTOR_PREFIX.length() + 1) {
        descriptors.add(new DescriptorAnnotation(null, attribute.substring(DESCRIPTOR_PREFIX.length() + 1), value));
      } else if (attribute.startsWith(DESCRIPTOR_PREFIX + "[")) {
        int close = attribute.indexOf("].", DESCRIPTOR_PREFIX.length());
        if (close > 0 && close + 2 < attribute.length()) {
          Platform platform = Platform.parse(attribute.substring(DESCRIPTOR_PREFIX.length() + 1, close), attribute);
          descriptors.add(new DescriptorAnnotation(platform, attribute.substring(close + 2), value));
        }
      }
    });
    return new IndexAnnotations(index, descriptors);
  }

  boolean isEmpty() {
    return index.isEmpty() && descriptors.isEmpty();
  }

  /** {@code existing} with every descriptor annotation that applies to {@code platform} added. */
  Map<String, String> forEntry(OciPlatform platform, Map<String, String> existing) {
    Map<String, String> result = new LinkedHashMap<>(existing);
    descriptors.stream().filter(annotation -> annotation.appliesTo(platform))
        .forEach(annotation -> result.put(annotation.key(), annotation.value()));
    return result;
  }
}
