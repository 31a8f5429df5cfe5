package dev.kbuildx.jvm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kbuildx.Await;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.management.JMException;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** Against the test JVM's own compiler directive stack, read as {@code jcmd Compiler.directives_print} does. */
class QuickCompilationTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String CIPHERS = "matching: sun/security/provider/*.*, com/sun/crypto/provider/*.*";

  private final List<String> debug = new CopyOnWriteArrayList<>();

  @Test
  void theDirectivesAreInPlaceWhileAGoalRunsAndGoneWhenItEnds() throws Exception {
    int before = directiveCount();

    try (QuickCompilation ignored = QuickCompilation.start(debug::add)) {
      Await.until("the directives added", WAIT, () -> directiveCount() == before + 2);
      String stack = directives();
      assertThat(stack).contains(CIPHERS);
      assertThat(stack.substring(stack.indexOf(CIPHERS), stack.indexOf("Directive: (default)")))
          .as("the ciphers keep C2, everything after them is kept off it")
          .containsSubsequence("c2 directives:", "Exclude:false", "matching: *.*", "c2 directives:", "Exclude:true");
    }

    assertThat(directiveCount()).isEqualTo(before);
    assertThat(directives()).doesNotContain(CIPHERS);
    assertThat(debug).anyMatch(line -> line.startsWith("C2 compiler kept off while kbuildx goals run (2 compiler"))
        .contains("C2 compiler back on");
  }

  @Test
  void goalsThatOverlapShareOneSetOfDirectivesUntilTheLastEnds() throws Exception {
    int before = directiveCount();

    QuickCompilation first = QuickCompilation.start(debug::add);
    QuickCompilation second = QuickCompilation.start(debug::add);
    Await.until("the directives added", WAIT, () -> directiveCount() == before + 2);
    first.close();
    first.close();
    assertThat(directiveCount()).as("still open: the second goal").isEqualTo(before + 2);

    second.close();
    assertThat(directiveCount()).isEqualTo(before);
    assertThat(debug).filteredOn(line -> line.startsWith("C2 compiler kept off")).hasSize(1);
  }

  private static int directiveCount() {
    return directives().split("\nDirective:", -1).length - 1;
  }

  private static String directives() {
    try {
      return "\n" + ManagementFactory.getPlatformMBeanServer().invoke(
          new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesPrint",
          new Object[] {new String[0]}, new String[] {String[].class.getName()});
    } catch (JMException e) {
      throw new AssertionError(e);
    }
  }
}
