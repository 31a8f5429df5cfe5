package dev.kbuildx.driver.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * One Kubernetes object as a YAML document the way {@code kubectl get -o yaml} writes it: plain
 * scalars, double quotes only where a string would read as another type, literal blocks for
 * multi-line strings, so that files kept in Git show small diffs. Long lines stay unbroken, so a
 * changed value is one changed line.
 */
final class KubectlYaml {
  private static final YAMLMapper MAPPER = YAMLMapper.builder(
          YAMLFactory.builder().stringQuotingChecker(new KubectlQuoting()).build())
      .enable(YAMLWriteFeature.MINIMIZE_QUOTES, YAMLWriteFeature.LITERAL_BLOCK_STYLE,
          YAMLWriteFeature.WRITE_DOC_START_MARKER)
      .disable(YAMLWriteFeature.SPLIT_LINES)
      .build();

  private KubectlYaml() {
  }

  /** {@code object} as a document that starts with {@code ---}; fabric8's mapper decides the fields. */
  static String document(HasMetadata object) {
    return MAPPER.writeValueAsString(Serialization.jsonMapper().valueToTree(object));
  }
}
