package dev.kbuildx.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kbuildx.InvalidSettingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteSizeTest {

  @ParameterizedTest
  @CsvSource({"0, 0", "67108864, 67108864", "64m, 67108864", "64MiB, 67108864", "1.5g, 1610612736",
      "512 kb, 524288", "10GB, 10737418240", "2t, 2199023255552"})
  void readsDockersSizesInPowersOf1024(String text, long bytes) {
    assertThat(ByteSize.parse("reservedSpace", text)).isEqualTo(bytes);
  }

  @Test
  void aSizeThatIsNoneNamesTheSettingTheValueAndTheAcceptedForms() {
    assertThatThrownBy(() -> ByteSize.parse("maxUsedSpace", "lots"))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
          assertThat(e.setting()).isEqualTo("maxUsedSpace");
          assertThat(e.value()).isEqualTo("lots");
        })
        .hasMessage("invalid maxUsedSpace \"lots\": " + ByteSize.ACCEPTED);
    assertThatThrownBy(() -> ByteSize.parse("maxUsedSpace", "-1g")).isInstanceOf(InvalidSettingException.class);
    assertThatThrownBy(() -> ByteSize.parse("maxUsedSpace", "99999999p"))
        .hasMessageContaining("out of range");
  }

  @ParameterizedTest
  @CsvSource({"0, 0B", "999, 999B", "4096, 4.096kB", "8192, 8.192kB", "307200, 307.2kB", "626688, 626.7kB",
      "1090000000, 1.09GB", "45270000000, 45.27GB", "1000, 1kB"})
  void printsSizesAsBuildxDiskUsageDoes(long bytes, String text) {
    assertThat(ByteSize.human(bytes)).isEqualTo(text);
  }
}
