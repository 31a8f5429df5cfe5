package dev.kbuildx.care;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kbuildx.buildkit.UsageInfo;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsageReportTest {
  private static final Instant NOW = Instant.parse("2026-12-03T21:37:10Z");
  private static final UsageInfo UPLOAD = new UsageInfo("o82tjiju6od4dz1fbibjs9ned", List.of(),
      Instant.parse("2026-12-03T21:37:08.987684272Z"), Instant.parse("2026-12-03T21:37:09.5Z"), 1, 4096,
      "local source for context", "source.local", true, false, false);
  private static final UsageInfo COPY = new UsageInfo("14rclx6rr1k45foi7yfcjhitz", List.of("o82tjiju6od4dz1fbibjs9ned"),
      Instant.parse("2026-12-03T21:37:09Z"), Instant.parse("2026-12-03T19:37:09Z"), 2, 307_200,
      "[1/1] COPY a.txt /a.txt", "regular", false, true, true);

  @Test
  void duPrintsBuildxsTableAndTotalsPerNodeThenOverAllNodes() {
    UsageReport report = new UsageReport(List.of(new NodeUsage("kube0", List.of(UPLOAD, COPY), null),
        new NodeUsage("kube1", List.of(), "the node does not run; start it with kbuildx:create")), NOW);

    assertThat(report.usageLines(false)).containsExactly(
        "Node kube0:",
        "ID                           RECLAIMABLE   SIZE      LAST ACCESSED",
        "o82tjiju6od4dz1fbibjs9ned*   true          4.096kB   Less than a second ago",
        "14rclx6rr1k45foi7yfcjhitz    false         307.2kB   2 hours ago",
        "Shared:       307.2kB",
        "Private:      4.096kB",
        "Reclaimable:  4.096kB",
        "Total:        311.3kB",
        "",
        "Node kube1:",
        "Error: the node does not run; start it with kbuildx:create",
        "",
        "All nodes:",
        "Reclaimable:  4.096kB",
        "Total:        311.3kB");
    assertThat(report.anyFailed()).isTrue();
    assertThat(report.failures()).isEqualTo("node kube1 (the node does not run; start it with kbuildx:create)");
  }

  @Test
  void verboseListsEveryFieldOfEachRecord() {
    UsageReport report = new UsageReport(List.of(new NodeUsage("default", List.of(COPY), null)), NOW);

    assertThat(report.usageLines(true)).startsWith(
        "Node default:",
        "ID:           14rclx6rr1k45foi7yfcjhitz",
        "Parents:      o82tjiju6od4dz1fbibjs9ned",
        "Created at:   2026-12-03 21:37:09 +0000 UTC",
        "Mutable:      false",
        "Reclaimable:  false",
        "Shared:       true",
        "Size:         307.2kB",
        "Description:  [1/1] COPY a.txt /a.txt",
        "Usage count:  2",
        "Last used:    2 hours ago",
        "Type:         regular",
        "");
    assertThat(UsageReport.goTime(UPLOAD.createdAt())).isEqualTo("2026-12-03 21:37:08.987684272 +0000 UTC");
  }

  @Test
  void pruneSaysWhatEachNodeFreedAndTheTotal() {
    UsageReport report = new UsageReport(List.of(new NodeUsage("kube0", List.of(UPLOAD, COPY), null),
        new NodeUsage("kube1", List.of(), null)), NOW);

    assertThat(report.pruneLines(false)).containsExactly(
        "Node kube0: deleted 2 records, freed 311.3kB",
        "Node kube1: deleted 0 records, freed 0B",
        "Total freed: 311.3kB");
    assertThat(report.pruneLines(true)).contains("14rclx6rr1k45foi7yfcjhitz    false         307.2kB   2 hours ago");
    assertThat(report.total()).isEqualTo(311_296);
  }

  @Test
  void jsonHasEveryRecordFieldAndTheTotalsUnderStableNames() throws Exception {
    UsageReport report = new UsageReport(List.of(new NodeUsage("kube0", List.of(UPLOAD, COPY), null)), NOW);

    JsonNode json = new ObjectMapper().readTree(report.json());

    assertThat(json.get("total").asLong()).isEqualTo(311_296);
    assertThat(json.get("reclaimable").asLong()).isEqualTo(4096);
    JsonNode node = json.get("nodes").get(0);
    assertThat(node.get("name").asText()).isEqualTo("kube0");
    assertThat(node.get("error").isNull()).isTrue();
    assertThat(node.get("shared").asLong()).isEqualTo(307_200);
    JsonNode copy = node.get("records").get(1);
    assertThat(copy.get("id").asText()).isEqualTo(COPY.id());
    assertThat(copy.get("parents").get(0).asText()).isEqualTo(UPLOAD.id());
    assertThat(copy.get("createdAt").asText()).isEqualTo("2026-12-03T21:37:09Z");
    assertThat(copy.get("lastUsedAt").asText()).isEqualTo("2026-12-03T19:37:09Z");
    assertThat(copy.get("usageCount").asLong()).isEqualTo(2);
    assertThat(copy.get("size").asLong()).isEqualTo(307_200);
    assertThat(copy.get("description").asText()).isEqualTo("[1/1] COPY a.txt /a.txt");
    assertThat(copy.get("type").asText()).isEqualTo("regular");
    assertThat(copy.get("mutable").asBoolean()).isFalse();
    assertThat(copy.get("shared").asBoolean()).isTrue();
    assertThat(copy.get("inUse").asBoolean()).isTrue();
    assertThat(copy.get("reclaimable").asBoolean()).isFalse();
  }
}
