package dev.kbuildx.driver.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.kbuildx.InvalidSettingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KeyValueListTest {

  @Test
  void parsesItemsInOrder() {
    assertThat(KeyValueList.parse("labels", "b=2,a=1")).containsExactly(entry("b", "2"), entry("a", "1"));
  }

  @Test
  void splitsItemsOnFirstEquals() {
    assertThat(KeyValueList.parse("annotations", "note=x=y")).containsExactly(entry("note", "x=y"));
  }

  @Test
  void keepsEmptyValuesAndSpaces() {
    assertThat(KeyValueList.parse("labels", "a=, b = c")).containsExactly(entry("a", ""), entry(" b ", " c"));
  }

  @Test
  void repeatedKeyKeepsLastValue() {
    assertThat(KeyValueList.parse("labels", "a=1,a=2")).containsExactly(entry("a", "2"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"a=1,b=2\"", "\"\"a=1,b=2\"\"", "a=1,b=2\""})
  void stripsSurroundingQuotes(String value) {
    assertThat(KeyValueList.parse("nodeselector", value)).containsExactly(entry("a", "1"), entry("b", "2"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "\"\""})
  void emptyValueIsNoEntries(String value) {
    assertThat(KeyValueList.parse("labels", value)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "a=1,        | an empty item",
      "a=1,,b=2    | an empty item",
      ",a=1        | an empty item",
      "a=1,b       | the item \"b\" is not key=value",
      "=1          | the item \"=1\" is not key=value",
  })
  void rejectsMalformedItems(String value, String problem) {
    assertThatThrownBy(() -> KeyValueList.parse("nodeselector", value))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
          assertThat(e.setting()).isEqualTo("nodeselector");
          assertThat(e.value()).isEqualTo(value);
          assertThat(e.accepted()).contains(problem).contains("nodeselector=a=1,b=2");
        });
  }
}
