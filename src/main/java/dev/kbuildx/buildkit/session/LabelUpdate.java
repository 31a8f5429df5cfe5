package dev.kbuildx.buildkit.session;

import io.grpc.Status;
import io.grpc.StatusException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** containerd's label update rules: field paths {@code labels} or {@code labels.<key>}, none meaning all. */
final class LabelUpdate {
  private static final String LABELS = "labels";

  private LabelUpdate() {}

  static Map<String, String> apply(Map<String, String> current, Map<String, String> requested, List<String> paths)
      throws StatusException {
    if (paths.isEmpty() || paths.contains(LABELS)) {
      return requested;
    }
    Map<String, String> updated = new LinkedHashMap<>(current);
    for (String path : paths) {
      if (!path.startsWith(LABELS + ".")) {
        throw Status.INVALID_ARGUMENT.withDescription("cannot update " + path + ": only labels can change")
            .asException();
      }
      String key = path.substring(LABELS.length() + 1);
      String value = requested.get(key);
      if (value == null) {
        updated.remove(key);
      } else {
        updated.put(key, value);
      }
    }
    return updated;
  }
}
