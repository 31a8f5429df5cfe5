package dev.kbuildx.driver.kubernetes;

import dev.kbuildx.KbuildxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * Picks the BuildKit pod of a node that a connection goes to, like buildx's {@code loadbalance}
 * option. Candidates are the running pods that are not terminating, in name order. {@code random}
 * draws one uniformly; {@code sticky} uses a consistent hash ring with one point per pod, so the
 * same key (the build context's path) keeps landing on the same pod and finds its cache there.
 */
public final class PodChooser {
  private final LoadBalance mode;
  private final RandomGenerator random;

  public PodChooser(LoadBalance mode, RandomGenerator random) {
    this.mode = mode;
    this.random = random;
  }

  /**
   * With {@link Random}, not {@code RandomGenerator.getDefault()}: the latter looks its algorithm
   * up with a service loader, which fails inside Maven's plugin class realm; {@code Random} is
   * also safe to share between threads.
   */
  public static PodChooser of(LoadBalance mode) {
    return new PodChooser(mode, new Random());
  }

  /**
   * @param pods the node's pods, in any order and state
   * @param stickyKey what sticky choice hashes, e.g. the absolute context path; empty is valid
   * @return the chosen pod's name
   */
  public String choose(String node, String namespace, List<PodState> pods, String stickyKey) {
    List<String> candidates = pods.stream().filter(PodState::usable).map(PodState::name).sorted().toList();
    if (candidates.isEmpty()) {
      throw new KbuildxException("no running buildkit pods found for node " + node + " in namespace " + namespace
          + " (" + pods.size() + " pods, none Running and not terminating)");
    }
    return mode == LoadBalance.STICKY ? onRing(candidates, stickyKey) : candidates.get(random.nextInt(candidates.size()));
  }

  /** The pod whose ring point is the first one strictly after the key's, wrapping to the smallest point. */
  static String onRing(List<String> candidates, String stickyKey) {
    RingPoint key = RingPoint.of(stickyKey);
    Comparator<String> byPoint = Comparator.comparing(pod -> RingPoint.of(pod + "-0"));
    String smallest = candidates.stream().min(byPoint).orElseThrow();
    return candidates.stream()
        .filter(pod -> RingPoint.of(pod + "-0").compareTo(key) > 0)
        .min(byPoint)
        .orElse(smallest);
  }

  /**
   * A position on the ring: the MD5 digest of a string read as two little-endian signed 64-bit
   * numbers, compared high first, as the Go hash ring buildx uses does.
   */
  record RingPoint(long high, long low) implements Comparable<RingPoint> {
    static RingPoint of(String value) {
      byte[] digest = md5(value.getBytes(StandardCharsets.UTF_8));
      return new RingPoint(littleEndian(digest, 0), littleEndian(digest, 8));
    }

    @Override
    public int compareTo(RingPoint other) {
      int byHigh = Long.compare(high, other.high);
      return byHigh != 0 ? byHigh : Long.compare(low, other.low);
    }

    private static long littleEndian(byte[] bytes, int offset) {
      long value = 0;
      for (int i = 7; i >= 0; i--) {
        value = (value << 8) | (bytes[offset + i] & 0xffL);
      }
      return value;
    }

    private static byte[] md5(byte[] input) {
      try {
        return MessageDigest.getInstance("MD5").digest(input);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("the JDK lacks MD5, which every Java platform must provide", e);
      }
    }
  }
}
