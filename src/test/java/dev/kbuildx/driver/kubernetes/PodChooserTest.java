package dev.kbuildx.driver.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kbuildx.KbuildxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PodChooserTest {
  private static final List<String> POD_NAMES = IntStream.range(0, 7)
      .mapToObj(i -> "kube0-6d5f7c9b8" + i + "-x" + (char) ('a' + i) + "q9z").toList();

  /**
   * Vectors computed outside Java (Python's hashlib and struct) from the ring's definition. Keys
   * such as /srv/build and /workspace hash above every pod and wrap around to the smallest point.
   */
  @ParameterizedTest
  @CsvSource({
      "'', kube0-6b7d9f8c5d-4xk2p",
      "/work/app, kube0-6b7d9f8c5d-4xk2p",
      "/home/dev/service, kube0-6b7d9f8c5d-m2wlc",
      "/builds/group/project, kube0-6b7d9f8c5d-m2wlc",
      "/tmp/ctx-\u00e9, kube0-6b7d9f8c5d-m2wlc",
      "/srv/build, kube0-6b7d9f8c5d-m2wlc",
      "/workspace, kube0-6b7d9f8c5d-m2wlc",
      "/home/ci/app, kube0-6b7d9f8c5d-9qzrt",
      "/home/dev/api, kube0-6b7d9f8c5d-9qzrt",
      "/data/repo, kube0-6b7d9f8c5d-9qzrt"})
  void stickyChoiceMatchesPrecomputedVectors(String key, String expected) {
    List<String> pods = List.of("kube0-6b7d9f8c5d-m2wlc", "kube0-6b7d9f8c5d-4xk2p", "kube0-6b7d9f8c5d-9qzrt");

    assertThat(PodChooser.onRing(pods, key)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"test, a", "test1, b", "test2, b", "test3, c", "test4, a", "test5, c", "aaaa, c", "bbbb, a"})
  void stickyChoiceMatchesPrecomputedVectorsForOneLetterMembers(String key, String expected) {
    assertThat(PodChooser.onRing(List.of("c", "a", "b"), key)).isEqualTo(expected);
  }

  @Test
  void ringPointsReadTheDigestAsTwoLittleEndianSignedNumbers() {
    // MD5("a-0") and MD5("test") as computed outside Java.
    assertThat(PodChooser.RingPoint.of("a-0")).isEqualTo(new PodChooser.RingPoint(-6810601973584271967L, -7299446587262128747L));
    assertThat(PodChooser.RingPoint.of("test")).isEqualTo(new PodChooser.RingPoint(8346051122425466633L, -669867398206136630L));
  }

  @Test
  void stickyChoiceFollowsTheRingDefinitionForManyKeys() throws Exception {
    Random keys = new Random(42);
    for (int i = 0; i < 2000; i++) {
      String key = "/home/dev/project-" + keys.nextInt(100_000) + "/service";

      assertThat(PodChooser.onRing(POD_NAMES, key)).as(key).isEqualTo(firstPointAfter(POD_NAMES, key));
    }
  }

  @Test
  void stickyChoiceIsStableAndIgnoresPodsThatCannotServe() {
    List<PodState> pods = new ArrayList<>(running(POD_NAMES));
    String expected = PodChooser.of(LoadBalance.STICKY).choose("kube0", "ci", pods, "/work/app");
    pods.add(new PodState("kube0-pending", "Pending", false, false));
    pods.add(new PodState("kube0-leaving", "Running", true, true));
    Collections.shuffle(pods, new Random(7));

    assertThat(PodChooser.of(LoadBalance.STICKY).choose("kube0", "ci", pods, "/work/app")).isEqualTo(expected);
  }

  @Test
  void anEmptyStickyKeyStillChoosesAPod() throws Exception {
    assertThat(PodChooser.of(LoadBalance.STICKY).choose("kube0", "ci", running(POD_NAMES), ""))
        .isEqualTo(firstPointAfter(POD_NAMES, ""));
  }

  @Test
  void randomChoiceDrawsAnIndexIntoTheSortedCandidates() {
    List<PodState> pods = running(List.of("kube0-c", "kube0-a", "kube0-b"));
    PodChooser chooser = new PodChooser(LoadBalance.RANDOM, new Random(1));
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      seen.add(chooser.choose("kube0", "ci", pods, "/ignored"));
    }

    assertThat(seen).containsExactlyInAnyOrder("kube0-a", "kube0-b", "kube0-c");
    assertThat(new PodChooser(LoadBalance.RANDOM, fixedIndex(1)).choose("kube0", "ci", pods, "")).isEqualTo("kube0-b");
  }

  @Test
  void noUsablePodFailsNamingTheNodeAndNamespace() {
    List<PodState> pods = List.of(new PodState("kube0-a", "Pending", false, false));

    assertThatThrownBy(() -> PodChooser.of(LoadBalance.STICKY).choose("kube0", "ci", pods, "/work/app"))
        .isInstanceOf(KbuildxException.class)
        .hasMessageContaining("no running buildkit pods found")
        .hasMessageContaining("node kube0")
        .hasMessageContaining("namespace ci");
  }

  private static List<PodState> running(List<String> names) {
    return names.stream().map(name -> new PodState(name, "Running", true, false)).toList();
  }

  /** The definition, computed the long way: every pod's point, the smallest one above the key, else the smallest. */
  private static String firstPointAfter(List<String> pods, String key) throws Exception {
    long[] keyPoint = point(key);
    String after = null;
    long[] afterPoint = null;
    String smallest = null;
    long[] smallestPoint = null;
    for (String pod : pods) {
      long[] p = point(pod + "-0");
      if (compare(p, keyPoint) > 0 && (afterPoint == null || compare(p, afterPoint) < 0)) {
        after = pod;
        afterPoint = p;
      }
      if (smallestPoint == null || compare(p, smallestPoint) < 0) {
        smallest = pod;
        smallestPoint = p;
      }
    }
    return after != null ? after : smallest;
  }

  private static long[] point(String value) throws Exception {
    ByteBuffer digest = ByteBuffer.wrap(MessageDigest.getInstance("MD5").digest(value.getBytes(StandardCharsets.UTF_8)))
        .order(ByteOrder.LITTLE_ENDIAN);
    return new long[] {digest.getLong(0), digest.getLong(8)};
  }

  private static int compare(long[] a, long[] b) {
    return a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]);
  }

  private static Random fixedIndex(int index) {
    return new Random() {
      private static final long serialVersionUID = 1L;

      @Override
      public int nextInt(int bound) {
        return index;
      }
    };
  }
}
