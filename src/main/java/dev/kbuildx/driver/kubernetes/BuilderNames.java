package dev.kbuildx.driver.kubernetes;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.SettingKey;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Builder and node names. They follow buildx's rule (a letter, then letters, digits, {@code .},
 * {@code -} or {@code _}) and are compared lower-cased. Unlike buildx, the Kubernetes object
 * name derived from a node name is checked here, so a name that Kubernetes would refuse fails
 * before anything is created.
 */
public final class BuilderNames {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9._-]*");
  private static final Pattern OBJECT_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
  /** Kubernetes' limit for a label value, which the builder name and the object name become. */
  private static final int MAX_LENGTH = 63;

  private BuilderNames() {}

  /** Validates a builder name and returns its lower-cased form. */
  public static String builder(String name) {
    if (name != null && name.contains("://")) {
      // An address here is the common mix-up of a builder name with a standing daemon's endpoint.
      throw InvalidSettingException.setting(SettingKey.BUILDER.key(), name, "a builder is a name, not an address; to build on the"
          + " BuildKit daemon at " + name + ", set it as the endpoint instead (-Dkbuildx.endpoint=" + name
          + ", or <endpoint> in the POM)");
    }
    String checked = check(SettingKey.BUILDER.key(), name);
    if (checked.equals("default")) {
      throw InvalidSettingException.setting(
          SettingKey.BUILDER.key(), name, "\"default\" is reserved by buildx for the Docker Engine's builder; choose another name");
    }
    return checked;
  }

  /** Validates a node name and returns its lower-cased form. */
  public static String node(String name) {
    String checked = check(SettingKey.NODE.key(), name);
    objectName(checked);
    return checked;
  }

  /** The name of a node's Deployment or StatefulSet, also its {@code app} label: buildx's mapping. */
  public static String objectName(String nodeName) {
    String object = nodeName.toLowerCase(Locale.ROOT).replace('_', '-');
    if (!OBJECT_NAME.matcher(object).matches()) {
      throw InvalidSettingException.setting(
          SettingKey.NODE.key(), nodeName, "the Kubernetes object name \"" + object
              + "\" derived from it must start and end with a letter or digit");
    }
    return object;
  }

  /** The default name of a builder's i-th node, as buildx names it. */
  public static String defaultNodeName(String builder, int index) {
    return builder + index;
  }

  private static String check(String setting, String name) {
    if (name == null || name.isEmpty()) {
      throw InvalidSettingException.setting(setting, "", "a name is required");
    }
    if (!NAME.matcher(name).matches()) {
      throw InvalidSettingException.setting(setting, name,
          "a name must start with a letter and may contain only letters, digits and . _ -");
    }
    if (name.length() > MAX_LENGTH) {
      throw InvalidSettingException.setting(setting, name,
          "a name may have at most " + MAX_LENGTH + " characters (a Kubernetes label value)");
    }
    return name.toLowerCase(Locale.ROOT);
  }
}
