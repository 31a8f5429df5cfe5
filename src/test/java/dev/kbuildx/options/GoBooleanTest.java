package dev.kbuildx.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kbuildx.InvalidSettingException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GoBooleanTest {

  @ParameterizedTest
  @ValueSource(strings = {"1", "t", "T", "TRUE", "true", "True"})
  void acceptsGoTrueSpellings(String value) {
    assertThat(GoBoolean.parse(value)).contains(true);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "f", "F", "FALSE", "false", "False"})
  void acceptsGoFalseSpellings(String value) {
    assertThat(GoBoolean.parse(value)).contains(false);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "yes", "no", "on", "tRUE", " true", "2"})
  void rejectsOtherSpellingsListingTheAcceptedOnes(String value) {
    assertThatThrownBy(() -> GoBoolean.parseDriverOption("qemu.install", value))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessage("invalid driver option qemu.install \"" + value + "\": a boolean is expected; accepted:"
            + " 1, t, T, TRUE, true, True or 0, f, F, FALSE, false, False");
  }
}
