package dev.kbuildx.driver.kubernetes;

import java.util.regex.Pattern;

/**
 * Kubernetes' naming rules, checked up front so that a bad option fails before anything is sent
 * to the API server. Each rule comes with a description of what it accepts, for error messages.
 */
final class KubernetesNames {
  static final String DNS_LABEL_RULE =
      "a DNS-1123 label: at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit";
  static final String DNS_SUBDOMAIN_RULE =
      "a DNS-1123 subdomain: at most 253 characters of lower-case letters, digits, '-' and '.',"
          + " each dot-separated part starting and ending with a letter or digit";
  static final String QUALIFIED_NAME_RULE =
      "a qualified name: an optional DNS-1123 subdomain prefix and '/', then a name of at most 63"
          + " letters, digits, '-', '_' and '.', starting and ending with a letter or digit,"
          + " for example kubernetes.io/arch or team";
  static final String LABEL_VALUE_RULE =
      "a label value: empty, or at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit";
  static final String ENV_NAME_RULE =
      "an environment variable name: letters, digits, '-', '_' and '.', not starting with a digit, and not . or .. or ..-prefixed";

  private static final String DNS_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final Pattern DNS_LABEL_PATTERN = Pattern.compile(DNS_LABEL);
  private static final Pattern DNS_SUBDOMAIN_PATTERN = Pattern.compile(DNS_LABEL + "(\\." + DNS_LABEL + ")*");
  private static final Pattern NAME_PART_PATTERN = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
  private static final Pattern ENV_NAME_PATTERN = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");
  private static final int MAX_LABEL_LENGTH = 63;
  private static final int MAX_SUBDOMAIN_LENGTH = 253;

  private KubernetesNames() {}

  static boolean isDnsLabel(String value) {
    return value.length() <= MAX_LABEL_LENGTH && DNS_LABEL_PATTERN.matcher(value).matches();
  }

  static boolean isDnsSubdomain(String value) {
    return value.length() <= MAX_SUBDOMAIN_LENGTH && DNS_SUBDOMAIN_PATTERN.matcher(value).matches();
  }

  /** A label, annotation, node-selector or toleration key: {@code [prefix/]name}. */
  static boolean isQualifiedName(String value) {
    int slash = value.indexOf('/');
    if (slash < 0) {
      return isNamePart(value);
    }
    return isDnsSubdomain(value.substring(0, slash)) && isNamePart(value.substring(slash + 1));
  }

  static boolean isLabelValue(String value) {
    return value.isEmpty() || isNamePart(value);
  }

  static boolean isEnvName(String value) {
    return ENV_NAME_PATTERN.matcher(value).matches() && !value.equals(".") && !value.startsWith("..");
  }

  private static boolean isNamePart(String value) {
    return value.length() <= MAX_LABEL_LENGTH && NAME_PART_PATTERN.matcher(value).matches();
  }
}
