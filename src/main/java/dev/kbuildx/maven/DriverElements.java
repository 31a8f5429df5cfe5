package dev.kbuildx.maven;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.SettingKey;
import dev.kbuildx.driver.kubernetes.KubernetesOption;
import dev.kbuildx.driver.kubernetes.KubernetesOptionsBuilder;
import dev.kbuildx.driver.kubernetes.TolerationSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.codehaus.plexus.configuration.PlexusConfiguration;

/**
 * Reads a node's {@code <driver>} element by the rows of {@link KubernetesOption}: each row names
 * its element, so a new option needs nothing here. Text goes through Maven's expression evaluator,
 * as a mojo field's would, and then through the row's own parser. Maps take
 * {@code <name>value</name>} entries, or Maven's properties form
 * ({@code <property><name>kubernetes.io/arch</name><value>arm64</value></property>}) for keys that
 * are no XML names; {@code <tolerations>} takes one element per toleration.
 */
final class DriverElements {
  private static final List<String> TOLERATION_FIELDS = List.of("key", "operator", "value", "effect",
      "tolerationSeconds");

  private DriverElements() {}

  /** Applies every element that is set, on top of what {@code options} already holds. */
  static void applyTo(PlexusConfiguration driver, UnaryOperator<String> expressions, KubernetesOptionsBuilder options) {
    rejectUnknown(driver);
    for (KubernetesOption<?> option : KubernetesOption.ALL) {
      PlexusConfiguration element = at(driver, option.elementPath());
      if (element != null) {
        options.setTyped(option, value(option, element, expressions));
      }
    }
  }

  private static PlexusConfiguration at(PlexusConfiguration driver, List<String> path) {
    PlexusConfiguration element = driver;
    for (String name : path) {
      element = element.getChild(name, false);
      if (element == null) {
        return null;
      }
    }
    return element;
  }

  private static Object value(KubernetesOption<?> option, PlexusConfiguration element, UnaryOperator<String> expressions) {
    if (element.getChildCount() == 0) {
      return text(element, expressions);
    }
    if (option == KubernetesOption.TOLERATIONS) {
      List<TolerationSpec> tolerations = new ArrayList<>();
      for (PlexusConfiguration toleration : element.getChildren()) {
        tolerations.add(toleration(toleration, expressions));
      }
      return tolerations;
    }
    Map<String, String> entries = new TreeMap<>();
    for (PlexusConfiguration entry : element.getChildren()) {
      if (entry.getName().equals("property") && entry.getChild("name", false) != null) {
        entries.put(text(entry.getChild("name"), expressions), text(entry.getChild("value"), expressions));
      } else {
        entries.put(entry.getName(), text(entry, expressions));
      }
    }
    return entries;
  }

  private static TolerationSpec toleration(PlexusConfiguration toleration, UnaryOperator<String> expressions) {
    for (PlexusConfiguration field : toleration.getChildren()) {
      if (!TOLERATION_FIELDS.contains(field.getName())) {
        throw unknown("<tolerations><" + toleration.getName() + "><" + field.getName() + ">", TOLERATION_FIELDS);
      }
    }
    String seconds = optional(toleration, "tolerationSeconds", expressions);
    Long parsedSeconds = null;
    if (seconds != null && !seconds.isEmpty()) {
      try {
        parsedSeconds = Long.valueOf(seconds);
      } catch (NumberFormatException e) {
        throw InvalidSettingException.driverOption(KubernetesOption.TOLERATIONS.key(), seconds,
            "tolerationSeconds must be a whole number of seconds");
      }
    }
    return new TolerationSpec(optional(toleration, "key", expressions), optional(toleration, "operator", expressions),
        optional(toleration, "value", expressions), optional(toleration, "effect", expressions), parsedSeconds);
  }

  private static String optional(PlexusConfiguration parent, String name, UnaryOperator<String> expressions) {
    PlexusConfiguration child = parent.getChild(name, false);
    return child == null ? null : text(child, expressions);
  }

  private static String text(PlexusConfiguration element, UnaryOperator<String> expressions) {
    String value = element.getValue();
    return value == null ? "" : expressions.apply(value).trim();
  }

  /** An element no row names would otherwise be ignored without a word. */
  private static void rejectUnknown(PlexusConfiguration driver) {
    Set<String> top = new LinkedHashSet<>();
    KubernetesOption.ALL.forEach(option -> top.add(option.elementPath().get(0)));
    for (PlexusConfiguration element : driver.getChildren()) {
      if (!top.contains(element.getName())) {
        throw unknown("<driver><" + element.getName() + ">", top);
      }
      Set<String> nested = new LinkedHashSet<>();
      KubernetesOption.ALL.stream().map(KubernetesOption::elementPath)
          .filter(path -> path.size() > 1 && path.get(0).equals(element.getName()))
          .forEach(path -> nested.add(path.get(1)));
      for (PlexusConfiguration child : nested.isEmpty() ? new PlexusConfiguration[0] : element.getChildren()) {
        if (!nested.contains(child.getName())) {
          throw unknown("<driver><" + element.getName() + "><" + child.getName() + ">", nested);
        }
      }
    }
  }

  private static InvalidSettingException unknown(String element, Iterable<String> accepted) {
    List<String> names = new ArrayList<>();
    accepted.forEach(name -> names.add("<" + name + ">"));
    return InvalidSettingException.setting(SettingKey.NODE_DRIVER.key(), element,
        "no such element; accepted here: " + String.join(", ", names));
  }
}
