package dev.kbuildx.registry;

import java.util.Objects;

/**
 * A user name and secret for one registry. Docker's convention applies: the user name
 * {@value #IDENTITY_TOKEN_USERNAME} marks the secret as an identity token (an OAuth refresh token
 * from {@code docker login}), which the daemon exchanges for access tokens itself.
 * {@link #toString()} never shows the secret.
 */
public record RegistryCredentials(String username, String secret) {

  /** The user name credential helpers and config files use for identity tokens. */
  public static final String IDENTITY_TOKEN_USERNAME = "<token>";

  public RegistryCredentials {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(secret, "secret");
  }

  public static RegistryCredentials identityToken(String token) {
    return new RegistryCredentials(IDENTITY_TOKEN_USERNAME, token);
  }

  public boolean isIdentityToken() {
    return IDENTITY_TOKEN_USERNAME.equals(username);
  }

  @Override
  public String toString() {
    return isIdentityToken()
        ? "RegistryCredentials[identity token]"
        : "RegistryCredentials[username=" + username + ", secret=(hidden)]";
  }
}
