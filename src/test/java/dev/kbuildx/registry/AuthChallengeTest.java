package dev.kbuildx.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthChallengeTest {

  @Test
  void readsABearerChallengeWithQuotedParameters() {
    List<AuthChallenge> challenges = AuthChallenge.parse(
        "Bearer realm=\"https://auth.example.com/token\",service=\"registry.example.com\","
            + "scope=\"repository:team/app:pull,push repository:team/base:pull\"");

    assertThat(challenges).containsExactly(new AuthChallenge("bearer", Map.of(
        "realm", "https://auth.example.com/token",
        "service", "registry.example.com",
        "scope", "repository:team/app:pull,push repository:team/base:pull")));
  }

  @Test
  void readsSeveralChallengesTokenValuesAndEscapes() {
    List<AuthChallenge> challenges = AuthChallenge.parse(
        "Basic realm=\"say \\\"hi\\\"\", charset=UTF-8, Bearer realm=https://auth.example.com/token");

    assertThat(challenges).containsExactly(
        new AuthChallenge("Basic", Map.of("realm", "say \"hi\"", "charset", "UTF-8")),
        new AuthChallenge("Bearer", Map.of("realm", "https://auth.example.com/token")));
  }

  @Test
  void prefersBearerOverBasicAcrossHeaders() {
    assertThat(AuthChallenge.choose(List.of("Basic realm=\"r\"", "Bearer realm=\"https://a/token\"")))
        .hasValueSatisfying(challenge -> assertThat(challenge.isBearer()).isTrue());
    assertThat(AuthChallenge.choose(List.of("Basic realm=\"r\"")))
        .hasValueSatisfying(challenge -> assertThat(challenge.isBasic()).isTrue());
    assertThat(AuthChallenge.choose(List.of("Negotiate", ""))).isEmpty();
  }
}
