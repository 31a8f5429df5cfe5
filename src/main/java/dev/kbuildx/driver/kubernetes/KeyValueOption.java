package dev.kbuildx.driver.kubernetes;

import java.util.Optional;

/**
 * The rules for the entries of the map options: which keys and values Kubernetes accepts, and
 * which keys kbuildx and buildx keep for themselves because the builder's state lives in them.
 */
enum KeyValueOption {
  NODE_SELECTOR("nodeselector", true),
  ANNOTATIONS("annotations", false),
  LABELS("labels", true);

  private static final String KBUILDX_PREFIX = "kbuildx.dev/";

  private final String optionKey;
  private final boolean valuesAreLabelValues;

  KeyValueOption(String optionKey, boolean valuesAreLabelValues) {
    this.optionKey = optionKey;
    this.valuesAreLabelValues = valuesAreLabelValues;
  }

  String optionKey() {
    return optionKey;
  }

  /** Why the entry cannot be used, as an error sentence fragment; empty when it is fine. */
  Optional<String> rejection(String key, String value) {
    if (!KubernetesNames.isQualifiedName(key)) {
      return Optional.of("the key \"" + key + "\" is not accepted; a key must be " + KubernetesNames.QUALIFIED_NAME_RULE);
    }
    if (isReserved(key)) {
      return Optional.of("the key \"" + key + "\" is reserved for the builder's own bookkeeping; accepted: any other key");
    }
    if (valuesAreLabelValues && !KubernetesNames.isLabelValue(value)) {
      return Optional.of("the value \"" + value + "\" of key \"" + key + "\" is not accepted; a value must be "
          + KubernetesNames.LABEL_VALUE_RULE);
    }
    return Optional.empty();
  }

  private boolean isReserved(String key) {
    return switch (this) {
      case NODE_SELECTOR -> false;
      case ANNOTATIONS -> key.equals(BuilderLabels.BUILDX_PLATFORM) || key.startsWith(KBUILDX_PREFIX);
      case LABELS -> key.equals(BuilderLabels.APP) || key.equals(BuilderLabels.MANAGED_BY) || key.startsWith(KBUILDX_PREFIX);
    };
  }
}
