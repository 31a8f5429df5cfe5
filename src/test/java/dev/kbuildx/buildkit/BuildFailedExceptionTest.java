package dev.kbuildx.buildkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import com.google.rpc.Code;
import dev.kbuildx.buildkit.proto.control.StatusResponse;
import dev.kbuildx.buildkit.proto.control.Vertex;
import dev.kbuildx.buildkit.proto.control.VertexLog;
import dev.kbuildx.progress.BuildFailure;
import dev.kbuildx.progress.PlainProgressPrinter;
import dev.kbuildx.progress.ProgressLog;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuildFailedExceptionTest {
  private static final String RUN = "[2/2] RUN echo compiling && false";
  private static final String ERROR =
      "process \"/bin/sh -c echo compiling && false\" did not complete successfully: exit code: 1";
  private static final String DOCKERFILE = "FROM busybox\nWORKDIR /src\nRUN echo compiling && false\nCMD [\"sh\"]\n";

  private final PlainProgressPrinter progress = new PlainProgressPrinter(new ProgressLog() {
    @Override
    public void info(String message) {}

    @Override
    public void warn(String message) {}

    @Override
    public void debug(String message) {}
  });

  private static Timestamp at(long seconds) {
    return Timestamp.newBuilder().setSeconds(1_700_000_000L + seconds).build();
  }

  private void runFailingStep() {
    progress.accept(StatusResponse.newBuilder()
        .addVertexes(Vertex.newBuilder().setDigest("sha256:from").setName("[1/2] FROM busybox").setCached(true)
            .setStarted(at(0)).setCompleted(at(0)))
        .addVertexes(Vertex.newBuilder().setDigest("sha256:run").setName(RUN).setStarted(at(1)))
        .addLogs(VertexLog.newBuilder().setVertex("sha256:run").setTimestamp(at(2))
            .setMsg(ByteString.copyFromUtf8("compiling\n")))
        .build());
    progress.accept(StatusResponse.newBuilder()
        .addVertexes(Vertex.newBuilder().setDigest("sha256:run").setName(RUN).setStarted(at(1)).setCompleted(at(3))
            .setError(ERROR))
        .build());
  }

  private static Any json(String type, String value) {
    return Any.newBuilder().setTypeUrl("github.com/moby/buildkit/" + type)
        .setValue(ByteString.copyFrom(value, StandardCharsets.UTF_8)).build();
  }

  private static StatusRuntimeException solveError(Any... details) {
    com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder().setCode(Code.UNKNOWN_VALUE)
        .setMessage(ERROR);
    for (Any detail : details) {
      status.addDetails(detail);
    }
    return StatusProto.toStatusRuntimeException(status.build());
  }

  @Test
  void namesTheFailingStepItsLastLinesAndTheDockerfileLines() {
    runFailingStep();
    String data = Base64.getEncoder().encodeToString(DOCKERFILE.getBytes(StandardCharsets.UTF_8));
    StatusRuntimeException error = solveError(
        json("stack.Stack+json", "{\"frames\":[]}"),
        json("errdefs.Vertex+json", "{\"digest\":\"sha256:run\"}"),
        json("errdefs.Source+json", "{\"info\":{\"filename\":\"Dockerfile\",\"data\":\"" + data
            + "\",\"language\":\"Dockerfile\"},\"ranges\":[{\"start\":{\"line\":3},\"end\":{\"line\":3}}]}"));

    BuildFailedException failure = BuildFailedException.of(error, progress);

    assertThat(failure.getMessage()).isEqualTo(String.join("\n",
        "build failed at step #2 " + RUN + ": " + ERROR,
        "------",
        " > " + RUN + ":",
        "1.000 compiling",
        "------",
        "Dockerfile:3",
        "--------------------",
        "   1 |     FROM busybox",
        "   2 |     WORKDIR /src",
        "   3 | >>> RUN echo compiling && false",
        "   4 |     CMD [\"sh\"]",
        "   5 |",
        "--------------------"));
    assertThat(failure.failure()).contains(new BuildFailure(2, RUN, ERROR, List.of("1.000 compiling")));
    assertThat(failure.getCause()).isSameAs(error);
  }

  @Test
  void withoutDetailsTheFirstFailedStepIsNamed() {
    runFailingStep();

    BuildFailedException failure = BuildFailedException.of(solveError(), progress);

    assertThat(failure.getMessage()).startsWith("build failed at step #2 " + RUN + ": " + ERROR + "\n------\n");
  }

  @Test
  void unreadableDetailsAreSkipped() {
    runFailingStep();

    BuildFailedException failure = BuildFailedException.of(solveError(
        json("errdefs.Source+json", "{not json"),
        json("errdefs.Source+json", "{\"info\":{\"filename\":\"Dockerfile\",\"data\":\"%%%\"},\"ranges\":[]}"),
        json("errdefs.Vertex+json", "[")), progress);

    assertThat(failure.getMessage()).doesNotContain("Dockerfile:").contains(RUN);
  }

  @Test
  void anErrorBeforeAnyStepHasOnlyTheDaemonsMessage() {
    BuildFailedException failure = BuildFailedException.of(
        Status.INVALID_ARGUMENT.withDescription("failed to read dockerfile: open Dockerfile: no such file or directory")
            .asRuntimeException(), progress);

    assertThat(failure.getMessage())
        .isEqualTo("build failed: failed to read dockerfile: open Dockerfile: no such file or directory");
    assertThat(failure.failure()).isEmpty();
  }

  @Test
  void aCancelledSolveSaysSo() {
    runFailingStep();

    BuildFailedException failure = BuildFailedException.of(Status.CANCELLED.withDescription("context canceled")
        .asRuntimeException(), progress);

    assertThat(failure.getMessage()).isEqualTo("build canceled: context canceled");
  }

  @Test
  void aMultiLineInstructionIsMarkedOnEveryLine() {
    String dockerfile = "FROM busybox\nRUN a \\\n  && b\nCMD x";

    SourceExcerpt excerpt = SourceExcerpt.of("Dockerfile", dockerfile, List.of(new int[] {2, 3})).orElseThrow();

    assertThat(excerpt.render()).isEqualTo(String.join("\n",
        "Dockerfile:2",
        "--------------------",
        "   1 |     FROM busybox",
        "   2 | >>> RUN a \\",
        "   3 | >>>   && b",
        "   4 |     CMD x",
        "--------------------"));
    assertThat(SourceExcerpt.of("Dockerfile", dockerfile, List.of(new int[] {9, 9}))).isEmpty();
  }
}
