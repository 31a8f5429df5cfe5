package dev.kbuildx.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kbuildx.InvalidSettingException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptOutputTest {

  @Test
  void tablesGoToTheLogAndAreTheDefault() {
    List<String> logged = new ArrayList<>();
    ScriptOutput.of(null).print(() -> {
      throw new AssertionError("no JSON for a table");
    }, () -> List.of("NAME/NODE"), logged::add);

    assertThat(logged).containsExactly("NAME/NODE");
    assertThat(ScriptOutput.of(" JSON ").isJson()).isTrue();
  }

  @Test
  void anUnknownFormatSaysWhereItIsSetAndWhatIsAccepted() {
    assertThatThrownBy(() -> ScriptOutput.of("yaml"))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(SettingLocations.message(e))
            .isEqualTo("invalid format \"yaml\": expected table (the default, through Maven's log) or json"
                + " (on standard output). It is set by <format> or -Dkbuildx.format."));
  }
}
