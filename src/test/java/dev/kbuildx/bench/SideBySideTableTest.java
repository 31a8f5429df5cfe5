package dev.kbuildx.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kbuildx.bench.SideBySideTable.Unit;
import java.util.List;
import org.junit.jupiter.api.Test;

class SideBySideTableTest {
  @Test
  void subtractsMavensMedianFromKbuildxAndRatiosMedians() {
    SideBySideTable table = new SideBySideTable();
    SideBySideTable.Row row = table.add(1, "no change", "≤ 1.0× buildctl", Unit.SECONDS);
    List.of(5.0, 3.0, 4.0).forEach(seconds -> row.add(Contender.KBUILDX, seconds));
    List.of(1.0, 2.0).forEach(seconds -> row.add(Contender.MVN_VALIDATE, seconds));
    List.of(2.0, 1.0, 5.0).forEach(seconds -> row.add(Contender.BUILDCTL, seconds));

    assertThat(table.markdown()).contains(
        "| no change | 1.00 / 2.00 | – | 3.00 / 4.00 | 1.50 | 1.50 / 2.50 | 1.25× | – | ≤ 1.0× buildctl |");
  }

  @Test
  void comparesMemoryWithoutSubtractingMaven() {
    SideBySideTable table = new SideBySideTable();
    SideBySideTable.Row row = table.add(1, "peak RSS", "–", Unit.MEGABYTES);
    row.add(Contender.KBUILDX, 200.0 * 1024 * 1024);
    row.add(Contender.MVN_VALIDATE, 100.0 * 1024 * 1024);
    row.add(Contender.BUILDX, 50.0 * 1024 * 1024);

    assertThat(table.markdown())
        .contains("| peak RSS | – | 50 MB / 50 MB | 200 MB / 200 MB | 100 MB | – | – | 4.00× | – |");
  }

  @Test
  void printsRowsByPosition() {
    SideBySideTable table = new SideBySideTable();
    table.add(2, "second", "–", Unit.SECONDS);
    table.add(1, "first", "–", Unit.SECONDS);

    assertThat(table.markdown().indexOf("| first |")).isLessThan(table.markdown().indexOf("| second |"));
  }

  @Test
  void profilesKbuildxBesideMavenByMedianAndLeavesOutCasesWithoutKbuildxCounters() {
    SideBySideTable table = new SideBySideTable();
    SideBySideTable.Row build = table.add(1, "build", "–", Unit.SECONDS);
    build.addJvm(Contender.KBUILDX, new JvmCounters(9000, 2.0, 0.5, 5.0));
    build.addJvm(Contender.KBUILDX, new JvmCounters(9400, 2.4, 0.7, 6.0));
    build.addJvm(Contender.KBUILDX, new JvmCounters(9300, 2.2, 0.6, 5.5));
    build.addJvm(Contender.MVN_VALIDATE, new JvmCounters(2234, 0.5, 0.2, 1.0));
    table.add(2, "Go clients only", "–", Unit.SECONDS).addJvm(Contender.MVN_VALIDATE, new JvmCounters(1, 1, 1, 1));

    assertThat(table.jvmMarkdown())
        .contains("| build | 9300 / 2234 | 2.20 / 0.50 | 0.60 / 0.20 | 5.50 / 1.00 |")
        .doesNotContain("Go clients only");
  }
}
