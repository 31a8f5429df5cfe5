package dev.kbuildx.driver.kubernetes;

/** How a connection picks one of a node's BuildKit pods (driver option {@code loadbalance}). */
public enum LoadBalance {
  /** The same build context always lands on the same pod, so its cache is reused. */
  STICKY,
  /** A uniformly random running pod per connection. */
  RANDOM;

  public String optionValue() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
