package dev.kbuildx.driver;

import java.time.Duration;

/** The connect timeout of tests that dial a daemon, the build goal's default. */
public final class DialTimeout {
  public static final Duration DEFAULT = Duration.ofSeconds(10);

  private DialTimeout() {}
}
