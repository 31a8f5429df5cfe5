package dev.kbuildx.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.kbuildx.InvalidSettingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DriverOptionsCsvTest {

  @Test
  void parsesBuildxTestVector() {
    assertThat(DriverOptionsCsv.parse("\"tolerations=key=foo,value=bar;key=foo2,value=bar2\",replicas=1,namespace=default"))
        .containsExactly(
            entry("tolerations", "key=foo,value=bar;key=foo2,value=bar2"),
            entry("replicas", "1"),
            entry("namespace", "default"));
  }

  @Test
  void splitsOnFirstEquals() {
    assertThat(DriverOptionsCsv.parse("\"nodeselector=a=1,b=2\",env.X=y=z"))
        .containsExactly(entry("nodeselector", "a=1,b=2"), entry("env.X", "y=z"));
  }

  @Test
  void unquotedMultiValueOptionBecomesSeparateFields() {
    assertThat(DriverOptionsCsv.parse("nodeselector=a=1,b=2")).containsExactly(entry("nodeselector", "a=1"), entry("b", "2"));
  }

  @Test
  void doubledQuoteInsideQuotedFieldIsOneQuote() {
    assertThat(DriverOptionsCsv.parse("\"env.MSG=say \"\"hi\"\", bye\"")).containsExactly(entry("env.MSG", "say \"hi\", bye"));
  }

  @Test
  void keepsEmptyValueAndOrder() {
    assertThat(DriverOptionsCsv.parse("image=,replicas=2,namespace=ns"))
        .containsExactly(entry("image", ""), entry("replicas", "2"), entry("namespace", "ns"));
  }

  @Test
  void laterKeyWins() {
    assertThat(DriverOptionsCsv.parse("replicas=1,replicas=3")).containsExactly(entry("replicas", "3"));
  }

  @Test
  void ignoresSpacesBeforeFields() {
    assertThat(DriverOptionsCsv.parse("replicas=2, namespace=ci,\t\"labels=a=1,b=2\""))
        .containsExactly(entry("replicas", "2"), entry("namespace", "ci"), entry("labels", "a=1,b=2"));
  }

  @Test
  void keepsSpacesInValues() {
    assertThat(DriverOptionsCsv.parse("env.X= a b ")).containsExactly(entry("env.X", " a b "));
  }

  @ParameterizedTest
  @ValueSource(strings = {"replicas=2\n", "replicas=2\r\n"})
  void toleratesTrailingLineBreak(String csv) {
    assertThat(DriverOptionsCsv.parse(csv)).containsExactly(entry("replicas", "2"));
  }

  @Test
  void lineBreakInsideQuotesIsData() {
    assertThat(DriverOptionsCsv.parse("\"env.X=a\nb\"")).containsExactly(entry("env.X", "a\nb"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\n"})
  void blankIsNoOptions(String csv) {
    assertThat(DriverOptionsCsv.parse(csv)).isEmpty();
  }

  @Test
  void nullIsNoOptions() {
    assertThat(DriverOptionsCsv.parse(null)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
      "replicas                  | the field \"replicas\" has no '='",
      "replicas=1,               | the field \"\" has no '='",
      "replicas=1,,namespace=a   | the field \"\" has no '='",
      "=1                        | has no key before '='",
      "env.X=a\"b                | column 8: a quote inside a field that does not start with a quote",
      "'\"replicas=1'            | a quoted field is not closed",
      "'\"replicas=1\"x'         | column 13: text follows the closing quote",
      "'replicas=1\nnamespace=a' | column 11: a line break outside quotes",
  })
  void rejectsMalformedRecords(String csv, String problem) {
    assertThatThrownBy(() -> DriverOptionsCsv.parse(csv))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
          assertThat(e.setting()).isEqualTo("driverOpts");
          assertThat(e.value()).isEqualTo(csv);
          assertThat(e.isDriverOption()).isFalse();
          assertThat(e.accepted()).contains(problem).contains("fields must be key=value");
        });
  }
}
