package dev.kbuildx.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JvmCountersTest {
  @TempDir Path dir;

  @Test
  void readsClassesAndConvertsTicksToSeconds() {
    JvmCounters counters = JvmCounters.parse("""
        java.ci.totalTime=6028324413
        java.cls.loadedClasses=9312
        sun.ci.lastMethod="java/util/concurrent/CopyOnWriteArrayList setArray"
        sun.cls.classVerifyTime=545559725
        sun.cls.time=2149386963
        sun.os.hrt.frequency=1000000000
        """);

    assertThat(counters.classes()).isEqualTo(9312);
    assertThat(counters.loadingSeconds()).isEqualTo(2.149386963);
    assertThat(counters.verifyingSeconds()).isEqualTo(0.545559725);
    assertThat(counters.compilingSeconds()).isEqualTo(6.028324413);
  }

  @Test
  void namesACounterThatIsMissing() {
    assertThatThrownBy(() -> JvmCounters.parse("java.cls.loadedClasses=1\nsun.os.hrt.frequency=1000\n"))
        .hasMessageContaining("sun.cls.time");
  }

  @Test
  void readsWhatARealJvmSavedAtItsExit() throws Exception {
    Path file = dir.resolve("jvm.hsperf");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(List.of(JvmCounters.saveOptions(file).split(" ")));
    // Without the class data archive, so that the JDK's own classes count as loaded.
    command.addAll(List.of("-Xshare:off", "-version"));
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

    JvmCounters counters = JvmCounters.read(file);

    assertThat(counters.classes()).isGreaterThan(100);
    assertThat(counters.loadingSeconds()).isPositive();
  }

  @Test
  void hasNoCountersOfAJvmThatSavedNone() throws Exception {
    assertThat(JvmCounters.read(dir.resolve("absent.hsperf"))).isNull();
  }
}
