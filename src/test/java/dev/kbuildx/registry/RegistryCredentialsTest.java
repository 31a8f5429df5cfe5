package dev.kbuildx.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RegistryCredentialsTest {

  @Test
  void toStringShowsTheUserButNotTheSecret() {
    RegistryCredentials credentials = new RegistryCredentials("alice", "s3cret-value");

    assertThat(credentials.toString()).contains("alice").doesNotContain("s3cret-value");
    assertThat(credentials.isIdentityToken()).isFalse();
  }

  @Test
  void identityTokensUseDockersTokenUserName() {
    RegistryCredentials token = RegistryCredentials.identityToken("refresh-token-value");

    assertThat(token.username()).isEqualTo("<token>");
    assertThat(token.secret()).isEqualTo("refresh-token-value");
    assertThat(token.isIdentityToken()).isTrue();
    assertThat(token.toString()).doesNotContain("refresh-token-value");
  }

  @Test
  void aMatchOfTheChainDoesNotShowTheSecretEither() {
    CredentialsChain.Match match = new CredentialsChain.Match(
        new FixedSource("test", "ghcr.io", new RegistryCredentials("alice", "s3cret-value")),
        new RegistryCredentials("alice", "s3cret-value"));

    assertThat(match.toString()).doesNotContain("s3cret-value");
  }
}
