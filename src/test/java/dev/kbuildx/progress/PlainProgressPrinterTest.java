package dev.kbuildx.progress;

import static dev.kbuildx.progress.StatusUpdates.cached;
import static dev.kbuildx.progress.StatusUpdates.completed;
import static dev.kbuildx.progress.StatusUpdates.failed;
import static dev.kbuildx.progress.StatusUpdates.grouped;
import static dev.kbuildx.progress.StatusUpdates.log;
import static dev.kbuildx.progress.StatusUpdates.response;
import static dev.kbuildx.progress.StatusUpdates.started;
import static dev.kbuildx.progress.StatusUpdates.status;
import static dev.kbuildx.progress.StatusUpdates.vertex;
import static dev.kbuildx.progress.StatusUpdates.warning;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlainProgressPrinterTest {
  private static final String LOAD = "[internal] load build definition from Dockerfile";
  private static final String FROM = "[1/2] FROM docker.io/library/busybox:latest";
  private static final String RUN = "[2/2] RUN echo hello && echo world";

  private final CollectingLog log = new CollectingLog();
  private final PlainProgressPrinter printer = new PlainProgressPrinter(log);

  @Test
  void printsABuildLikeProgressPlain() {
    printer.accept(response().addVertexes(vertex("sha256:load", LOAD)).build());
    printer.accept(response().addVertexes(started("sha256:load", LOAD, 0))
        .addStatuses(status("sha256:load", "transferring dockerfile:", 0, 0)).build());
    printer.accept(response().addVertexes(completed("sha256:load", LOAD, 0, 0.031))
        .addStatuses(status("sha256:load", "transferring dockerfile:", 0, 0.02).setCurrent(88)
            .setCompleted(StatusUpdates.at(0.02)))
        .build());
    printer.accept(response().addVertexes(cached("sha256:from", FROM, 0.5)).build());
    printer.accept(response().addVertexes(started("sha256:run", RUN, 1.0)).build());
    printer.accept(response().addLogs(log("sha256:run", 1.2, "hel")).build());
    printer.accept(response().addLogs(log("sha256:run", 1.3, "lo\nworld\n")).build());
    printer.accept(response().addVertexes(completed("sha256:run", RUN, 1.0, 1.46)).build());

    assertThat(printed()).containsExactly(
        "#1 " + LOAD,
        "#1 transferring dockerfile:",
        "#1 transferring dockerfile: 88B 0.0s done",
        "#1 DONE 0.0s",
        "",
        "#2 " + FROM,
        "#2 CACHED",
        "",
        "#3 " + RUN,
        "#3 0.200 hello",
        "#3 0.300 world",
        "#3 DONE 0.5s");
  }

  @Test
  void duplicateAndStaleUpdatesPrintNothing() {
    printer.accept(response().addVertexes(started("sha256:run", RUN, 1.0)).build());
    printer.accept(response().addVertexes(vertex("sha256:run", RUN)).build());
    printer.accept(response().addVertexes(started("sha256:run", RUN, 1.0)).build());
    printer.accept(response().addVertexes(completed("sha256:run", RUN, 1.0, 2.25)).build());
    printer.accept(response().addVertexes(completed("sha256:run", RUN, 1.0, 2.25)).build());
    printer.accept(response().addVertexes(vertex("sha256:run", RUN)).build());

    assertThat(printed()).containsExactly("#1 " + RUN, "#1 DONE 1.2s");
  }

  @Test
  void completedStepsComeFirstInTheOrderTheyCompleted() {
    printer.accept(response()
        .addVertexes(completed("sha256:b", "b", 0, 2))
        .addVertexes(started("sha256:c", "c", 0))
        .addVertexes(completed("sha256:a", "a", 0, 1))
        .build());

    assertThat(printed()).containsExactly("#1 a", "#1 DONE 1.0s", "", "#2 b", "#2 DONE 2.0s", "", "#3 c");
  }

  @Test
  void switchingBetweenRunningStepsMarksTheOneLeft() {
    printer.accept(response().addVertexes(started("sha256:a", "[a 1/1] RUN make", 0))
        .addLogs(log("sha256:a", 0.5, "compiling a\n")).build());
    printer.accept(response().addVertexes(started("sha256:b", "[b 1/1] RUN make", 0.6))
        .addLogs(log("sha256:b", 0.7, "compiling b\n")).build());
    printer.accept(response().addLogs(log("sha256:a", 1.0, "linking a\n")).build());
    printer.accept(response().addVertexes(completed("sha256:a", "[a 1/1] RUN make", 0, 1.1)).build());

    assertThat(printed()).containsExactly(
        "#1 [a 1/1] RUN make",
        "#1 0.500 compiling a",
        "#1 ...",
        "",
        "#2 [b 1/1] RUN make",
        "#2 0.100 compiling b",
        "#2 ...",
        "",
        "#1 [a 1/1] RUN make",
        "#1 1.000 linking a",
        "#1 DONE 1.1s");
  }

  @Test
  void aFailedStepPrintsItsErrorAndKeepsItsLastTenLines() {
    printer.accept(response().addVertexes(started("sha256:run", RUN, 0)).build());
    StringBuilder output = new StringBuilder();
    for (int i = 1; i <= 12; i++) {
      output.append("line ").append(i).append('\n');
    }
    printer.accept(response().addLogs(log("sha256:run", 0.25, output.toString()))
        .addLogs(log("sha256:run", 0.5, "no newline")).build());
    String error = "process \"/bin/sh -c exit 3\" did not complete successfully: exit code: 3";
    printer.accept(response().addVertexes(failed("sha256:run", RUN, 0, 0.75, error)).build());

    List<String> expected = new ArrayList<>(List.of("#1 " + RUN));
    for (int i = 1; i <= 12; i++) {
      expected.add("#1 0.250 line " + i);
    }
    expected.addAll(List.of("#1 0.500 no newline", "#1 ERROR: " + error));
    assertThat(printed()).isEqualTo(expected);
    assertThat(printer.failure("sha256:run").orElseThrow().lastLines())
        .hasSize(10)
        .startsWith("0.250 line 4")
        .endsWith("0.250 line 12", "0.500 no newline");
  }

  @Test
  void failureNamesTheStepAndItsLastLines() {
    printer.accept(response().addVertexes(cached("sha256:from", FROM, 0)).build());
    printer.accept(response().addVertexes(started("sha256:run", RUN, 1)).build());
    List<String> expected = new ArrayList<>();
    for (int i = 1; i <= 12; i++) {
      printer.accept(response().addLogs(log("sha256:run", 1 + i / 10.0, "out " + i + "\n")).build());
      if (i > 2) {
        expected.add(GoFormatTest.offset(i / 10.0) + " out " + i);
      }
    }
    printer.accept(response().addVertexes(failed("sha256:run", RUN, 1, 3, "exit code: 1")).build());

    BuildFailure failure = printer.failure(null).orElseThrow();

    assertThat(failure).isEqualTo(new BuildFailure(2, RUN, "exit code: 1", expected));
    assertThat(printer.failure("sha256:from").orElseThrow().name()).isEqualTo(FROM);
    assertThat(printer.failure("sha256:unknown").orElseThrow().name()).isEqualTo(RUN);
  }

  @Test
  void cancellationIsNotTheFailure() {
    printer.accept(response()
        .addVertexes(failed("sha256:a", "a", 0, 1, "context canceled"))
        .addVertexes(failed("sha256:b", "b", 0, 2, "exit code: 2"))
        .build());

    assertThat(printed()).containsExactly("#1 a", "#1 CANCELED", "", "#2 b", "#2 ERROR: exit code: 2");
    assertThat(printer.failure(null).orElseThrow().name()).isEqualTo("b");
  }

  @Test
  void noFailureWithoutAnErroredStep() {
    printer.accept(response().addVertexes(completed("sha256:a", "a", 0, 1)).build());

    assertThat(printer.failure(null)).isEmpty();
  }

  @Test
  void statusUpdatesAreThrottledLikeBuildkit() {
    printer.accept(response().addVertexes(started("sha256:pull", FROM, 0))
        .addStatuses(status("sha256:pull", "sha256:layer", 0, 0.5).setCurrent(1_000_000).setTotal(100_000_000))
            .build());
    printer.accept(response()
        .addStatuses(status("sha256:pull", "sha256:layer", 0, 1.0).setCurrent(3_000_000).setTotal(100_000_000))
            .build());
    printer.accept(response()
        .addStatuses(status("sha256:pull", "sha256:layer", 0, 1.5).setCurrent(7_000_000).setTotal(100_000_000))
            .build());
    printer.accept(response()
        .addStatuses(status("sha256:pull", "sha256:layer", 0, 7.0).setCurrent(8_000_000).setTotal(100_000_000))
            .build());
    printer.accept(response()
        .addStatuses(status("sha256:pull", "sha256:layer", 0, 8.0).setCurrent(100_000_000).setTotal(100_000_000)
            .setCompleted(StatusUpdates.at(8.0))).build());
    printer.accept(response().addVertexes(completed("sha256:pull", FROM, 0, 8.2)).build());

    assertThat(printed()).containsExactly(
        "#1 " + FROM,
        "#1 sha256:layer 1.00MB / 100.00MB 0.5s",
        "#1 sha256:layer 7.00MB / 100.00MB 1.5s",
        "#1 sha256:layer 8.00MB / 100.00MB 7.0s",
        "#1 sha256:layer 100.00MB / 100.00MB 8.0s done",
        "#1 DONE 8.2s");
  }

  @Test
  void aStepWithAnOpenSubTaskIsNotDoneYet() {
    printer.accept(response().addVertexes(completed("sha256:x", "exporting to image", 0, 1))
        .addStatuses(status("sha256:x", "pushing layers", 0.5, 0.9)).build());
    printer.accept(response()
        .addStatuses(status("sha256:x", "pushing layers", 0.5, 1.5).setCompleted(StatusUpdates.at(1.5))).build());

    assertThat(printed()).containsExactly(
        "#1 exporting to image", "#1 pushing layers 0.4s", "#1 pushing layers 1.0s done", "#1 DONE 1.0s");
  }

  @Test
  void logsBeforeTheirVertexWaitForItsName() {
    printer.accept(response().addLogs(log("sha256:run", 2.5, "early\n")).build());
    printer.accept(response().addVertexes(vertex("sha256:other", "")).build());
    printer.accept(response().addVertexes(started("sha256:run", RUN, 2)).build());

    assertThat(printed()).containsExactly("#1 " + RUN, "#1 0.000 early");
  }

  @Test
  void stepsWithoutANameAreNeverShown() {
    printer.accept(response().addVertexes(completed("sha256:anon", "", 0, 1))
        .addLogs(log("sha256:anon", 0.5, "hidden\n")).build());

    assertThat(printed()).isEmpty();
  }

  @Test
  void warningsArePrintedWithTheirStep() {
    printer.accept(response().addVertexes(started("sha256:lint", LOAD, 0))
        .addWarnings(warning("sha256:lint", "FromAsCasing: 'as' and 'FROM' keywords' casing do not match (line 1)"))
        .build());

    assertThat(printed()).containsExactly("#1 " + LOAD,
        "#1 WARN: FromAsCasing: 'as' and 'FROM' keywords' casing do not match (line 1)");
  }

  @Test
  void aProgressGroupIsOneStepShownOnceANonWeakMemberStarts() {
    String group = "[internal] load metadata";
    printer.accept(response().addVertexes(grouped("sha256:w", "weak", "pg", group, true, 0.0, null)).build());
    printer.accept(response().addVertexes(grouped("sha256:s", "strong", "pg", group, false, 0.5, null)).build());
    printer.accept(response().addLogs(log("sha256:w", 1.0, "from a member\n")).build());
    printer.accept(response()
        .addVertexes(grouped("sha256:w", "weak", "pg", group, true, 0.0, 1.0))
        .addVertexes(grouped("sha256:s", "strong", "pg", group, false, 0.5, 2.0)).build());

    assertThat(printed()).containsExactly("#1 " + group, "#1 0.500 from a member", "#1 DONE 2.0s");
  }

  @Test
  void aStepThatRunsAgainAddsUpItsIntervals() {
    printer.accept(response().addVertexes(completed("sha256:a", "a", 0, 1)).build());
    printer.accept(response().addVertexes(completed("sha256:a", "a", 5, 5.5)).build());

    assertThat(printed()).containsExactly("#1 a", "#1 DONE 1.0s", "", "#1 a", "#1 DONE 1.5s");
  }

  @Test
  void finishPrintsALastLineWithoutItsBreak() {
    printer.accept(response().addVertexes(started("sha256:run", RUN, 0))
        .addLogs(log("sha256:run", 0.125, "half a line\r")).build());
    printer.finish();

    assertThat(printed()).containsExactly("#1 " + RUN, "#1 0.125 half a line");
  }

  @Test
  void logOffsetsLoseDecimalsAsTheyGrow() {
    printer.accept(response().addVertexes(started("sha256:run", RUN, 0))
        .addLogs(log("sha256:run", 12.5, "a\n"))
        .addLogs(log("sha256:run", 150.25, "b\n")).build());

    assertThat(printed()).containsExactly("#1 " + RUN, "#1 12.50 a", "#1 150.2 b");
  }

  @Test
  void aVeryLongLineWithoutBreakIsCut() {
    printer.accept(response().addVertexes(started("sha256:run", RUN, 0))
        .addLogs(log("sha256:run", 0, "x".repeat(70_000))).build());

    assertThat(printed()).hasSize(2);
    assertThat(printed().get(1)).startsWith("#1 0.000 xxx").hasSize("#1 0.000 ".length() + 70_000);
  }

  /** The printed lines without their level; the printer writes everything at info level. */
  private List<String> printed() {
    assertThat(log.lines).allMatch(line -> line.startsWith("INFO "), "info lines only");
    return log.lines.stream().map(line -> line.substring("INFO ".length())).toList();
  }
}
