package dev.kbuildx.driver.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kbuildx.InvalidSettingException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TolerationOptionsTest {

  @Test
  void parsesTolerationsInOrder() {
    assertThat(TolerationOptions.parse("key=foo,value=bar;key=foo2,operator=Equal,value=bar2,effect=NoSchedule"))
        .containsExactly(
            new TolerationSpec("foo", null, "bar", null, null),
            new TolerationSpec("foo2", "Equal", "bar2", "NoSchedule", null));
  }

  @Test
  void parsesEveryField() {
    assertThat(TolerationOptions.parse("key=node.kubernetes.io/unreachable,operator=Exists,effect=NoExecute,tolerationSeconds=300"))
        .containsExactly(new TolerationSpec("node.kubernetes.io/unreachable", "Exists", null, "NoExecute", 300L));
  }

  @ParameterizedTest
  @CsvSource({
      "exists, Exists",
      "EXISTS, Exists",
      "Exists, Exists",
      "equal, Equal",
      "Equal, Equal",
  })
  void normalisesOperatorCase(String written, String normalised) {
    String value = normalised.equals("Exists") ? "" : ",value=v";
    assertThat(TolerationOptions.parse("key=k,operator=" + written + value).get(0).operator()).isEqualTo(normalised);
  }

  @ParameterizedTest
  @CsvSource({
      "noschedule, NoSchedule",
      "NOSCHEDULE, NoSchedule",
      "prefernoschedule, PreferNoSchedule",
      "PreferNoSchedule, PreferNoSchedule",
      "noexecute, NoExecute",
  })
  void normalisesEffectCase(String written, String normalised) {
    assertThat(TolerationOptions.parse("key=k,effect=" + written).get(0).effect()).isEqualTo(normalised);
  }

  @Test
  void emptyFieldsAreUnset() {
    assertThat(TolerationOptions.parse("key=k,operator=,value=,effect=,tolerationSeconds="))
        .containsExactly(new TolerationSpec("k", null, null, null, null));
  }

  @Test
  void repeatedFieldKeepsLastValue() {
    assertThat(TolerationOptions.parse("key=a,key=b")).containsExactly(new TolerationSpec("b", null, null, null, null));
  }

  @Test
  void operatorExistsWithoutKeyToleratesEverything() {
    assertThat(TolerationOptions.parse("operator=Exists")).containsExactly(new TolerationSpec(null, "Exists", null, null, null));
  }

  @Test
  void emptyValueIsNoTolerations() {
    assertThat(TolerationOptions.parse("")).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "key=a;                                        | an empty toleration",
      "key=a;;key=b                                  | an empty toleration",
      ";key=a                                        | an empty toleration",
      "key=a,NoSchedule                              | the item \"NoSchedule\" is not field=value",
      "key=a,                                        | the item \"\" is not field=value",
      "key=a,Key=b                                   | unknown field \"Key\"",
      "key=a,seconds=3                               | unknown field \"seconds\"",
      "key=a,operator=In                             | operator \"In\" is not accepted; accepted: Equal or Exists",
      "key=a,effect=Evict                            | effect \"Evict\" is not accepted",
      "value=v                                       | a toleration without a key matches every taint and needs operator=Exists",
      "operator=Equal                                | needs operator=Exists",
      "key=a,operator=Exists,value=v                 | a value is not accepted",
      "key=a b                                       | the key \"a b\" is not accepted",
      "key=a,value=x y                               | the value \"x y\" is not accepted",
      "key=a,effect=NoSchedule,tolerationSeconds=30  | tolerationSeconds only applies to effect=NoExecute",
      "key=a,tolerationSeconds=30                    | tolerationSeconds only applies to effect=NoExecute",
      "key=a,effect=NoExecute,tolerationSeconds=-1   | tolerationSeconds must be 0 or more",
      "key=a,effect=NoExecute,tolerationSeconds=x    | is not a whole number of seconds",
      "key=a,effect=NoExecute,tolerationSeconds=1.5  | is not a whole number of seconds",
      "key=a,effect=NoExecute,tolerationSeconds=99999999999999999999 | is not a whole number of seconds",
      "key=a,effect=NoExecute,tolerationSeconds=9999999999999999999  | is out of range",
  })
  void rejectsInvalidTolerations(String value, String problem) {
    assertThatThrownBy(() -> TolerationOptions.parse(value))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
          assertThat(e.setting()).isEqualTo("tolerations");
          assertThat(e.value()).isEqualTo(value);
          assertThat(e.accepted()).contains(problem);
        });
  }

  @Test
  void unknownFieldErrorListsTheFields() {
    assertThatThrownBy(() -> TolerationOptions.parse("key=a,colour=red"))
        .hasMessage("invalid driver option tolerations \"key=a,colour=red\": unknown field \"colour\"; accepted:"
            + " tolerations separated by ';', each made of ','-separated fields key, operator, value, effect,"
            + " tolerationSeconds, for example key=dedicated,operator=Equal,value=ci,effect=NoSchedule;operator=Exists");
  }

  @Test
  void normalisesTypedTolerations() {
    assertThat(TolerationOptions.normalise(new TolerationSpec("k", "exists", "", "noexecute", 0L)))
        .isEqualTo(new TolerationSpec("k", "Exists", null, "NoExecute", 0L));
  }

  @Test
  void reportsTypedTolerationsInStringForm() {
    assertThatThrownBy(() -> TolerationOptions.normalise(new TolerationSpec("k", "exists", "v", null, null)))
        .isInstanceOfSatisfying(InvalidSettingException.class,
            e -> assertThat(e.value()).isEqualTo("key=k,operator=exists,value=v"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "key=k,operator=Equal,value=v,effect=NoSchedule",
      "key=a,value=1;operator=Exists;key=b,operator=Exists,effect=NoExecute,tolerationSeconds=60",
  })
  void formatParsesBack(String value) {
    List<TolerationSpec> parsed = TolerationOptions.parse(value);
    assertThat(TolerationOptions.format(parsed)).isEqualTo(value);
    assertThat(TolerationOptions.parse(TolerationOptions.format(parsed))).isEqualTo(parsed);
  }
}
