package dev.kbuildx.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.maven.execution.DefaultMavenExecutionRequest;
import org.apache.maven.execution.DefaultMavenExecutionResult;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;

/** When a goal keeps the JVM's optimising compiler off, told by its debug log. */
class QuickCompilationParameterTest {
  private final DefaultMavenExecutionRequest request = new DefaultMavenExecutionRequest();
  private final List<String> debug = new CopyOnWriteArrayList<>();

  @Test
  void trueKeepsC2OffWhileTheGoalRuns() throws Exception {
    goal(true).execute();

    assertThat(debug).anyMatch(line -> line.startsWith("C2 compiler kept off while kbuildx goals run"))
        .contains("C2 compiler back on");
  }

  @Test
  void falseLeavesTheCompilersAlone() throws Exception {
    goal(false).execute();

    assertThat(debug).noneMatch(line -> line.startsWith("C2"));
  }

  @Test
  void aParallelBuildLeavesTheCompilersAlone() throws Exception {
    request.setDegreeOfConcurrency(4);

    goal(true).execute();

    assertThat(debug).contains("JVM compilers left as they are: other plugins run beside kbuildx in a parallel build")
        .noneMatch(line -> line.startsWith("C2"));
  }

  private AbstractKbuildxMojo goal(boolean quickCompilation) {
    AbstractKbuildxMojo goal = new AbstractKbuildxMojo() {
      @Override
      protected void run() {
        // The goal's work does not matter here, only what surrounds it.
      }
    };
    goal.quickCompilation = quickCompilation;
    goal.session = new MavenSession(null, request, new DefaultMavenExecutionResult(), List.of());
    goal.setLog(new SystemStreamLog() {
      @Override
      public boolean isDebugEnabled() {
        return true;
      }

      @Override
      public void debug(CharSequence content) {
        debug.add(content.toString());
      }
    });
    return goal;
  }
}
