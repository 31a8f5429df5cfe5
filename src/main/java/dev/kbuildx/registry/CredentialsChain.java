package dev.kbuildx.registry;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Sources asked in order; the first that has credentials for a host wins. */
public final class CredentialsChain implements CredentialSource {

  /** Credentials and the source that had them, for debug logs. */
  public record Match(CredentialSource source, RegistryCredentials credentials) {}

  private final List<CredentialSource> sources;

  public CredentialsChain(List<CredentialSource> sources) {
    this.sources = List.copyOf(sources);
  }

  public Optional<Match> find(String host) {
    for (CredentialSource source : sources) {
      Optional<RegistryCredentials> credentials = source.lookup(host);
      if (credentials.isPresent()) {
        return Optional.of(new Match(source, credentials.get()));
      }
    }
    return Optional.empty();
  }

  @Override
  public Optional<RegistryCredentials> lookup(String host) {
    return find(host).map(Match::credentials);
  }

  /**
   * Where the credentials for {@code host} came from, never what they are, for errors about refused
   * credentials: {@code credentials for <host>: from <source>}, or {@code none found in <sources>}.
   */
  public String origin(String host, Optional<Match> match) {
    return "credentials for " + host + ": " + match.map(found -> "from " + found.source().description())
        .orElseGet(() -> "none found in " + (sources.isEmpty() ? "no source" : description()));
  }

  @Override
  public String description() {
    return sources.stream().map(CredentialSource::description).collect(Collectors.joining(", then "));
  }
}
