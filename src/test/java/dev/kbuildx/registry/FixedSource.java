package dev.kbuildx.registry;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** A source with credentials for one host that counts how often it is asked. */
final class FixedSource implements CredentialSource {
  private final String name;
  private final String host;
  private final RegistryCredentials credentials;
  final AtomicInteger lookups = new AtomicInteger();

  /** A source that has no credentials for any host. */
  static final CredentialSource NONE = new FixedSource("no credentials", null, null);

  FixedSource(String name, String host, RegistryCredentials credentials) {
    this.name = name;
    this.host = host;
    this.credentials = credentials;
  }

  @Override
  public Optional<RegistryCredentials> lookup(String requested) {
    lookups.incrementAndGet();
    return requested.equals(host) && credentials != null ? Optional.of(credentials) : Optional.empty();
  }

  @Override
  public String description() {
    return name;
  }
}
