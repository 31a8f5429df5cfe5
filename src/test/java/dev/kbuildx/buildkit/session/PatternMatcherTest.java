package dev.kbuildx.buildkit.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PatternMatcherTest {

  @Test
  void aPathMatchesWhenAParentDirectoryMatches() {
    PatternMatcher matcher = PatternMatcher.compile(List.of("build"));

    assertThat(matcher.matchesOrParentMatches("build/classes/A.class")).isTrue();
    assertThat(matcher.matchesOrParentMatches("src/build")).isFalse();
  }

  @Test
  void theLastApplicablePatternWins() {
    PatternMatcher matcher = PatternMatcher.compile(List.of("*.md", "!README.md", "README.md"));

    assertThat(matcher.matchesOrParentMatches("README.md")).isTrue();
  }

  @Test
  void anExceptionTakesBackAnEarlierMatch() {
    PatternMatcher matcher = PatternMatcher.compile(List.of("docs", "!docs/README.md"));

    assertThat(matcher.matchesOrParentMatches("docs/guide.md")).isTrue();
    assertThat(matcher.matchesOrParentMatches("docs/README.md")).isFalse();
    assertThat(matcher.hasExceptions()).isTrue();
  }

  @Test
  void anExceptionBeforeTheMatchHasNoEffect() {
    PatternMatcher matcher = PatternMatcher.compile(List.of("!docs/README.md", "docs"));

    assertThat(matcher.matchesOrParentMatches("docs/README.md")).isTrue();
  }

  @Test
  void childrenInheritTheParentsMatches() {
    PatternMatcher matcher = PatternMatcher.compile(List.of("vendor", "!vendor/keep"));
    PatternMatcher.Result vendor = matcher.match("vendor", null);
    PatternMatcher.Result keep = matcher.match("vendor/keep", vendor);

    assertThat(vendor.matched()).isTrue();
    assertThat(keep.matched()).isFalse();
    assertThat(matcher.match("vendor/keep/file", keep).matched()).isFalse();
    assertThat(matcher.match("vendor/other", vendor).matched()).isTrue();
  }

  @Test
  void blankPatternsLeaveAMatcherThatMatchesNothing() {
    PatternMatcher matcher = PatternMatcher.compile(List.of(" ", ""));

    assertThat(matcher.patterns()).isEmpty();
    assertThat(matcher.matchesOrParentMatches("a")).isFalse();
  }
}
