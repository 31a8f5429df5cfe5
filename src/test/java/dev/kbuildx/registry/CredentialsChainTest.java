package dev.kbuildx.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CredentialsChainTest {

  private final FixedSource settings = new FixedSource("settings", "ghcr.io", new RegistryCredentials("from-settings", "a"));
  private final FixedSource config = new FixedSource("config", "ghcr.io", new RegistryCredentials("from-config", "b"));
  private final FixedSource other = new FixedSource("other", "quay.io", new RegistryCredentials("from-other", "c"));

  @Test
  void theFirstSourceWithCredentialsWinsAndLaterOnesAreNotAsked() {
    CredentialsChain chain = new CredentialsChain(List.of(settings, config));

    Optional<CredentialsChain.Match> match = chain.find("ghcr.io");

    assertThat(match).isPresent();
    assertThat(match.get().credentials().username()).isEqualTo("from-settings");
    assertThat(match.get().source()).isSameAs(settings);
    assertThat(config.lookups).hasValue(0);
  }

  @Test
  void laterSourcesAnswerForHostsEarlierOnesDoNotKnow() {
    CredentialsChain chain = new CredentialsChain(List.of(settings, other));

    assertThat(chain.lookup("quay.io")).map(RegistryCredentials::username).contains("from-other");
    assertThat(settings.lookups).hasValue(1);
  }

  @Test
  void anUnknownHostHasNoCredentials() {
    CredentialsChain chain = new CredentialsChain(List.of(settings, config, other));

    assertThat(chain.find("registry.example.com")).isEmpty();
    assertThat(List.of(settings.lookups.get(), config.lookups.get(), other.lookups.get())).containsOnly(1);
  }

  @Test
  void aFailingSourceStopsTheLookup() {
    CredentialSource broken = new CredentialSource() {
      @Override
      public Optional<RegistryCredentials> lookup(String host) {
        throw new RegistryCredentialsException("broken source");
      }

      @Override
      public String description() {
        return "broken";
      }
    };
    CredentialsChain chain = new CredentialsChain(List.of(broken, config));

    assertThatThrownBy(() -> chain.lookup("ghcr.io")).hasMessage("broken source");
    assertThat(config.lookups).hasValue(0);
  }

  @Test
  void describesItsSourcesInOrder() {
    assertThat(new CredentialsChain(List.of(settings, config)).description()).isEqualTo("settings, then config");
  }
}
