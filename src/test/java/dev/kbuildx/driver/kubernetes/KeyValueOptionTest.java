package dev.kbuildx.driver.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class KeyValueOptionTest {

  @ParameterizedTest
  @EnumSource(KeyValueOption.class)
  void acceptsQualifiedKeysWithLabelValues(KeyValueOption option) {
    assertThat(option.rejection("example.com/team", "ci")).isEmpty();
    assertThat(option.rejection("tier", "")).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(KeyValueOption.class)
  void rejectsKeysThatAreNotQualifiedNames(KeyValueOption option) {
    assertThat(option.rejection("bad key", "x")).hasValueSatisfying(reason -> assertThat(reason).contains("a qualified name"));
  }

  @ParameterizedTest
  @EnumSource(value = KeyValueOption.class, names = {"NODE_SELECTOR", "LABELS"})
  void rejectsValuesThatAreNotLabelValues(KeyValueOption option) {
    assertThat(option.rejection("a", "x y")).hasValueSatisfying(reason -> assertThat(reason).contains("a label value"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"x y", "a=b,c", "{\"json\": true}", "-"})
  void annotationValuesMayBeAnyText(String value) {
    assertThat(KeyValueOption.ANNOTATIONS.rejection("note", value)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
      "ANNOTATIONS, buildx.docker.com/platform",
      "ANNOTATIONS, kbuildx.dev/spec",
      "ANNOTATIONS, kbuildx.dev/anything",
      "LABELS, app",
      "LABELS, app.kubernetes.io/managed-by",
      "LABELS, kbuildx.dev/builder",
  })
  void rejectsReservedKeys(KeyValueOption option, String key) {
    assertThat(option.rejection(key, "x")).hasValueSatisfying(reason -> assertThat(reason).contains("reserved"));
  }

  @ParameterizedTest
  @CsvSource({
      "NODE_SELECTOR, app",
      "NODE_SELECTOR, kbuildx.dev/builder",
      "ANNOTATIONS, app",
      "LABELS, buildx.docker.com/platform",
      "LABELS, app.kubernetes.io/name",
  })
  void otherKeysAreFree(KeyValueOption option, String key) {
    assertThat(option.rejection(key, "x")).isEmpty();
  }
}
