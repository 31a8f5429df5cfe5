package dev.kbuildx.buildkit.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PathPatternTest {

  @ParameterizedTest(name = "{0} matches {1}: {2}")
  @CsvSource(delimiter = '|', value = {
      "foo          | foo              | true",
      "foo          | foo/bar          | false",
      "foo          | foobar           | false",
      "*            | foo              | true",
      "*            | foo/bar          | false",
      "*.go         | main.go          | true",
      "*.go         | cmd/main.go      | false",
      "a?c          | abc              | true",
      "a?c          | a/c              | false",
      "a.txt        | aXtxt            | false",
      "a+b(c)       | a+b(c)           | true",
      "**           | anything/at/all  | true",
      "**/foo       | foo              | true",
      "**/foo       | a/b/foo          | true",
      "**/foo       | a/xfoo           | false",
      "foo/**       | foo/a            | true",
      "foo/**       | foo/a/b          | true",
      "foo/**       | foobar           | false",
      "**/*.go      | main.go          | true",
      "**/*.go      | a/b/main.go      | true",
      "**/*.go      | a/b/main.gox     | false",
      "a/**/b       | a/b              | true",
      "a/**/b       | a/x/y/b          | true",
      "a/**/b       | a/x/y/c          | false",
      "a/**         | a/x/y            | true",
      "a/*/**       | a/x/y            | true",
      "[a-c]x       | bx               | true",
      "[a-c]x       | dx               | false",
      "[^a-c]x      | dx               | true",
      "[^a-c]x      | ax               | false",
      "[ab]/*       | b/file           | true",
      "\\*          | *                | true",
      "\\*          | x                | false",
      "f\\[1]       | f[1]             | true",
      "./a/../b/    | b                | true",
      "dir//file    | dir/file         | true",
      "**.md        | docs/README.md   | true",
  })
  void matchesLikePatternmatcher(String pattern, String path, boolean expected) {
    assertThat(PathPattern.compile(pattern).matches(path)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"[", "[]", "[a", "[a-]", "[-a]", "a\\", "[^]"})
  void rejectsMalformedPatterns(String pattern) {
    assertThatThrownBy(() -> PathPattern.compile(pattern))
        .isInstanceOf(InvalidPatternException.class)
        .hasMessageContaining("syntax error in pattern");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "\t"})
  void blankPatternsAreDropped(String pattern) {
    assertThat(PathPattern.compile(pattern)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"!", " ! "})
  void aLoneExclamationMarkIsAnError(String pattern) {
    assertThatThrownBy(() -> PathPattern.compile(pattern)).hasMessage("illegal exclusion pattern: \"!\"");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"!keep.txt | keep.txt", "  !a/./b/ | a/b"})
  void exceptionsAreCleanedWithoutTheirMark(String pattern, String text) {
    PathPattern compiled = PathPattern.compile(pattern);
    assertThat(compiled.isException()).isTrue();
    assertThat(compiled.text()).isEqualTo(text);
  }
}
