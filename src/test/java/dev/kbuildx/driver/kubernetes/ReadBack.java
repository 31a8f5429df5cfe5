package dev.kbuildx.driver.kubernetes;

import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Kubernetes objects as fabric8 writes them to the API server, so that objects read back from YAML
 * compare equal to the rendered ones even where one holds an empty list and the other none.
 */
final class ReadBack {
  private ReadBack() {
  }

  /** Every document of {@code yaml}, read with fabric8. */
  static List<JsonNode> parse(String yaml) {
    Object parsed = Serialization.<Object>unmarshal(yaml);
    return trees(parsed instanceof List<?> list ? list : List.of(parsed));
  }

  static List<JsonNode> trees(List<?> objects) {
    return objects.stream().map(object -> (JsonNode) Serialization.jsonMapper().valueToTree(object)).toList();
  }
}
