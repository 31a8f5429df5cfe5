package dev.kbuildx.driver.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kbuildx.InvalidSettingException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantitiesTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "0", "2", "+2", "500m", "0.5", ".5", "5.", "1.25", "100n", "100u", "2k", "4M", "4G", "1T", "1P", "1E",
      "1Ki", "512Mi", "1.5Gi", "1Ti", "1Pi", "1Ei", "1e3", "1E3", "1e-3", "1e+3", "1.5e2"})
  void acceptsKubernetesQuantities(String value) {
    assertThat(Quantities.check("requests.memory", value)).isEqualTo(value);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "abc", "Mi", "1K", "1mi", "1MB", "1Gib", "1 Gi", " 1", "1e", "1e3Mi", "1.5.5", ".", "1,5", "0x10", "1e100", "\u0661"})
  void rejectsGarbageWithExamples(String value) {
    assertThatThrownBy(() -> Quantities.check("requests.memory", value))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
          assertThat(e.setting()).isEqualTo("requests.memory");
          assertThat(e.value()).isEqualTo(value);
          assertThat(e.accepted()).contains("500m, 2, 512Mi, 4G");
        });
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "-500m", "-1Gi", "-0"})
  void rejectsNegativeAmounts(String value) {
    assertThatThrownBy(() -> Quantities.check("limits.cpu", value))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("a negative amount is not accepted");
  }

  @ParameterizedTest
  @CsvSource({
      "1Gi, 1024Mi, 0",
      "1G, 1Gi, -1",
      "500m, 0.5, 0",
      "1, 999m, 1",
      "1e3, 1k, 0",
      "100n, 1u, -1",
  })
  void comparesByAmount(String left, String right, int sign) {
    assertThat(Integer.signum(Quantities.compare(left, right))).isEqualTo(sign);
  }
}
