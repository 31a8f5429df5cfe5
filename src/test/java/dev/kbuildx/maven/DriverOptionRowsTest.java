package dev.kbuildx.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.driver.kubernetes.KubernetesOption;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Every {@link KubernetesOption} row reaches every form of the option: its typed element in
 * {@link DriverConfig}, its error location and its line in the driver-options page. A new option
 * that misses one of them fails here, naming it.
 */
class DriverOptionRowsTest {
  private static final Path PAGE = Path.of("src/site/markdown/driver-options.md");
  private static final String TABLE_START = "<!-- The table is generated from KubernetesOption by DriverOptionRowsTest. -->";
  private static final String TABLE_END = "<!-- End of the generated table. -->";

  @Test
  void everyRowHasDocs() {
    KubernetesOption.ALL.forEach(option -> assertThat(option.docs().description()).as(option.key()).isNotBlank());
    KubernetesOption.ALL.forEach(option -> assertThat(option.docs().defaultValue()).as(option.key()).isNotBlank());
    KubernetesOption.ALL.forEach(option -> assertThat(option.docs().accepted()).as(option.key()).isNotBlank());
  }

  @Test
  void everyRowHasItsFieldInDriverConfigAndEveryFieldHasARow() {
    List<String> rowPaths = KubernetesOption.ALL.stream().map(option -> String.join(".", option.elementPath())).toList();

    assertThat(rowPaths).allSatisfy(path -> assertThat(leafPaths(DriverConfig.class, "")).contains(path));
    assertThat(leafPaths(DriverConfig.class, "")).containsExactlyInAnyOrderElementsOf(rowPaths);
  }

  @Test
  void everyRowsErrorNamesItsElementAndProperty() {
    for (KubernetesOption<?> option : KubernetesOption.ALL) {
      String key = option.key().replace("<NAME>", "FOO");
      String message = SettingLocations.message(InvalidSettingException.driverOption(key, "x", "why"));

      assertThat(message).as(key).endsWith("It is set by " + option.element(key) + " in a node's <driver>, by " + key
          + "=... in <driverOpts> or -D" + PropertyNames.DRIVER_OPTS + ", or by -D"
          + PropertyNames.DRIVER_OPTION_PREFIX + key + ".");
    }
  }

  @Test
  void thePageShowsTheTableOfTheRows() throws Exception {
    String page = Files.readString(PAGE);
    int start = page.indexOf(TABLE_START);
    int end = page.indexOf(TABLE_END);
    assertThat(start).as("the markers of the generated table in " + PAGE).isNotNegative().isLessThan(end);
    String expected = page.substring(0, start + TABLE_START.length()) + "\n\n" + table() + "\n" + page.substring(end);
    if (!expected.equals(page)) {
      Path regenerated = Path.of("target", PAGE.getFileName().toString());
      Files.writeString(regenerated, expected);
      assertThat(page).as("the option table of " + PAGE + " differs from the rows; " + regenerated
          + " has the page with the table regenerated").isEqualTo(expected);
    }
  }

  /** The Markdown table of every option, one line per row. */
  private static String table() {
    StringBuilder table = new StringBuilder("| CSV option | Property | XML element under `<driver>` | What it sets"
        + " | Default | Accepted |\n|---|---|---|---|---|---|\n");
    for (KubernetesOption<?> option : KubernetesOption.ALL) {
      table.append("| `").append(option.key()).append("` | `-D").append(PropertyNames.DRIVER_OPTION_PREFIX)
          .append(option.key()).append("` | `").append(option.element()).append("` | ")
          .append(option.docs().description()).append(" | ").append(option.docs().defaultValue()).append(" | ")
          .append(option.docs().accepted()).append(" |\n");
    }
    return table.toString();
  }

  /** The dotted paths of the fields that hold values, below the nested configuration classes. */
  private static List<String> leafPaths(Class<?> type, String prefix) {
    List<String> paths = new ArrayList<>();
    for (Field field : type.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers())) {
        continue;
      }
      Class<?> fieldType = field.getType();
      boolean leaf = fieldType == String.class || Properties.class.isAssignableFrom(fieldType)
          || Map.class.isAssignableFrom(fieldType) || List.class.isAssignableFrom(fieldType);
      if (leaf) {
        paths.add(prefix + field.getName());
      } else {
        paths.addAll(leafPaths(fieldType, prefix + field.getName() + "."));
      }
    }
    return paths;
  }
}
