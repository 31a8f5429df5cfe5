package dev.kbuildx.maven;

import static dev.kbuildx.maven.MavenConfigs.xml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.driver.kubernetes.KubernetesOption;
import dev.kbuildx.driver.kubernetes.KubernetesOptions;
import dev.kbuildx.driver.kubernetes.KubernetesOptionsBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Every {@link KubernetesOption} row reaches every form of the option: its element under
 * {@code <driver>} ({@link DriverElements}), its error location and its line in the driver-options page. A new option
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

  /**
   * The element of every row reaches that row: its text is either taken, or refused by the row's
   * own parser, which names the row's key.
   */
  @Test
  void everyRowIsReadFromItsElement() {
    KubernetesOptions unsetValues = new KubernetesOptionsBuilder().build();
    for (KubernetesOption<?> option : KubernetesOption.ALL) {
      List<String> path = option.elementPath();
      String leaf = option.isFamily() ? "<FOO>x=1</FOO>" : "x=1";
      String element = leaf;
      for (int i = path.size() - 1; i >= 0; i--) {
        element = "<" + path.get(i) + ">" + element + "</" + path.get(i) + ">";
      }
      KubernetesOptionsBuilder options = new KubernetesOptionsBuilder();
      try {
        DriverElements.applyTo(xml("<driver>" + element + "</driver>"), UnaryOperator.identity(), options);
        assertThat(options.build().get(option)).as(option.key())
            .isNotEqualTo(unsetValues.get(option));
      } catch (InvalidSettingException e) {
        assertThat(e.setting()).as(option.key()).isEqualTo(option.isFamily() ? "env.FOO" : option.key());
      }
    }
  }

  @Test
  void anElementThatNoRowNamesIsRefused() {
    assertThatThrownBy(() -> DriverElements.applyTo(xml("<driver><replica>2</replica></driver>"),
        UnaryOperator.identity(), new KubernetesOptionsBuilder()))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageStartingWith("invalid nodeDriver \"<driver><replica>\": no such element; accepted here: <annotations>,");
    assertThatThrownBy(() -> DriverElements.applyTo(xml("<driver><requests><gpu>1</gpu></requests></driver>"),
        UnaryOperator.identity(), new KubernetesOptionsBuilder()))
        .hasMessage("invalid nodeDriver \"<driver><requests><gpu>\": no such element; accepted here: <cpu>, <ephemeralStorage>,"
            + " <memory>");
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
}
