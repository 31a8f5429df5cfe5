package dev.kbuildx.registry;

import java.util.Optional;

/**
 * One place registry credentials can come from. A lookup that fails (a broken file, a credential
 * helper that errors) throws {@link RegistryCredentialsException}; a host it has nothing for is
 * an empty result.
 */
public interface CredentialSource {

  /**
   * Credentials for a registry host as the daemon names it: {@code ghcr.io}, {@code localhost:5000}
   * or {@code registry-1.docker.io}.
   */
  Optional<RegistryCredentials> lookup(String host);

  /** Where the credentials come from, for debug logs, e.g. {@code Maven settings.xml servers}. */
  String description();
}
