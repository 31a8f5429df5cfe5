package dev.kbuildx.care;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kbuildx.InvalidSettingException;
import dev.kbuildx.SettingKey;
import dev.kbuildx.buildkit.PruneSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PruneSettingsTest {

  @Test
  void withoutSettingsOnlyDanglingRecordsGo() {
    assertThat(PruneSettings.parse(false, null, null, " ", null, List.of()))
        .isEqualTo(new PruneSpec(false, Duration.ZERO, 0, 0, 0, List.of()));
  }

  @Test
  void everySettingReachesItsPruneRequestField() {
    PruneSpec spec = PruneSettings.parse(true, "24h", "1g", "20g", "512m",
        List.of("type=regular", "description~=COPY", "id!=abc"));

    assertThat(spec).isEqualTo(new PruneSpec(true, Duration.ofHours(24), 1L << 30, 20L << 30, 512L << 20,
        List.of("type==regular", "description~=COPY", "id!=abc")));
  }

  @Test
  void anUntilFilterIsTheKeepDurationAsInBuildx() {
    assertThat(PruneSettings.parse(false, "", null, null, null, List.of("until=90m", "type=regular")))
        .isEqualTo(new PruneSpec(false, Duration.ofMinutes(90), 0, 0, 0, List.of("type==regular")));
    assertThat(CacheFilters.parse(List.of("unused-for=2h")).until()).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void badValuesNameTheirSettingBeforeAnythingIsTouched() {
    assertRefused(SettingKey.KEEP_DURATION, "a day", () -> PruneSettings.parse(false, "a day", null, null, null, List.of()));
    assertRefused(SettingKey.KEEP_DURATION, "-1h", () -> PruneSettings.parse(false, "-1h", null, null, null, List.of()));
    assertRefused(SettingKey.RESERVED_SPACE, "lots", () -> PruneSettings.parse(false, null, "lots", null, null, List.of()));
    assertRefused(SettingKey.MAX_USED_SPACE, "1x", () -> PruneSettings.parse(false, null, null, "1x", null, List.of()));
    assertRefused(SettingKey.MIN_FREE_SPACE, "-5g", () -> PruneSettings.parse(false, null, null, null, "-5g", List.of()));
    assertRefused(SettingKey.FILTERS, "regular", () -> PruneSettings.parse(false, null, null, null, null, List.of("regular")));
    assertRefused(SettingKey.FILTERS, "week", () -> PruneSettings.parse(false, null, null, null, null, List.of("until=week")));
    assertRefused(SettingKey.KEEP_DURATION, "1h",
        () -> PruneSettings.parse(false, "1h", null, null, null, List.of("until=2h")));
  }

  private static void assertRefused(SettingKey setting, String value, Runnable parse) {
    assertThatThrownBy(parse::run).isInstanceOfSatisfying(InvalidSettingException.class, e -> {
      assertThat(e.setting()).isEqualTo(setting.key());
      assertThat(e.value()).isEqualTo(value);
      assertThat(e.getMessage()).startsWith("invalid " + setting.key() + " \"" + value + "\": ");
    });
  }
}
