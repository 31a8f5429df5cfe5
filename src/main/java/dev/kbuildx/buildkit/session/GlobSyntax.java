package dev.kbuildx.buildkit.session;

/**
 * The syntax check patternmatcher borrows from Go's {@code filepath.Match}: a trailing backslash and
 * malformed {@code [...]} classes (empty, unclosed, or with a dangling {@code -}) are errors.
 */
final class GlobSyntax {
  private final String pattern;
  private int index;

  private GlobSyntax(String pattern) {
    this.pattern = pattern;
  }

  static void check(String pattern) {
    new GlobSyntax(pattern).run();
  }

  private void run() {
    while (index < pattern.length()) {
      char ch = pattern.charAt(index++);
      if (ch == '\\') {
        requireMore();
        index++;
      } else if (ch == '[') {
        checkClass();
      }
    }
  }

  private void checkClass() {
    if (index < pattern.length() && pattern.charAt(index) == '^') {
      index++;
    }
    int ranges = 0;
    while (true) {
      if (index < pattern.length() && pattern.charAt(index) == ']' && ranges > 0) {
        index++;
        return;
      }
      classMember();
      if (pattern.charAt(index) == '-') {
        index++;
        classMember();
      }
      ranges++;
    }
  }

  /** One member or range end: not {@code -} or {@code ]}, optionally escaped, and never the pattern's end. */
  private void classMember() {
    requireMore();
    char ch = pattern.charAt(index);
    if (ch == '-' || ch == ']') {
      throw error();
    }
    if (ch == '\\') {
      index++;
      requireMore();
    }
    index += Character.charCount(pattern.codePointAt(index));
    requireMore();
  }

  private void requireMore() {
    if (index >= pattern.length()) {
      throw error();
    }
  }

  private InvalidPatternException error() {
    return new InvalidPatternException("syntax error in pattern \"" + pattern + "\"");
  }
}
