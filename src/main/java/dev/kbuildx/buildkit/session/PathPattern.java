package dev.kbuildx.buildkit.session;

import java.util.regex.Pattern;

/**
 * One pattern of moby/patternmatcher, whose matching rules fsutil applies on the sender side.
 * Like the original, patterns without wildcards compare as strings, and a pattern starting with
 * {@code **} matches as a plain suffix even where the wildcard translation would not (so
 * {@code **.go} matches every path ending in {@code .go}).
 */
final class PathPattern {
  private enum Kind { EXACT, PREFIX, SUFFIX, REGEX }

  private final String text;
  private final boolean exception;
  private final Kind kind;
  private final Pattern regex;

  private PathPattern(String text, boolean exception, Kind kind, Pattern regex) {
    this.text = text;
    this.exception = exception;
    this.kind = kind;
    this.regex = regex;
  }

  /**
   * Compiles one raw pattern, or returns null for a blank one (which patternmatcher ignores). The
   * pattern is trimmed and cleaned before a leading {@code !} is taken off, as patternmatcher does.
   */
  static PathPattern compile(String raw) {
    String pattern = GoText.trimSpace(raw);
    if (pattern.isEmpty()) {
      return null;
    }
    pattern = GoPaths.clean(pattern);
    boolean exception = pattern.charAt(0) == '!';
    if (exception) {
      if (pattern.length() == 1) {
        throw new InvalidPatternException("illegal exclusion pattern: \"!\"");
      }
      pattern = pattern.substring(1);
    }
    GlobSyntax.check(pattern);
    return translate(pattern, exception);
  }

  /** A pattern for single names (the wildcard components of followpaths), taken as it is. */
  static PathPattern glob(String name) {
    GlobSyntax.check(name);
    return translate(name, false);
  }

  /** The cleaned pattern without its {@code !}. */
  String text() {
    return text;
  }

  /** True for a {@code !} pattern, which takes a match back. */
  boolean isException() {
    return exception;
  }

  boolean matches(String path) {
    return switch (kind) {
      case EXACT -> path.equals(text);
      case PREFIX -> path.startsWith(text.substring(0, text.length() - 2));
      case SUFFIX -> {
        String suffix = text.substring(2);
        yield path.endsWith(suffix) || suffix.startsWith("/") && path.equals(suffix.substring(1));
      }
      case REGEX -> regex.matcher(path).matches();
    };
  }

  private static PathPattern translate(String pattern, boolean exception) {
    StringBuilder regex = new StringBuilder();
    Kind kind = Kind.EXACT;
    boolean inClass = false;
    int index = 0;
    for (int token = 0; index < pattern.length(); token++) {
      int ch = pattern.codePointAt(index);
      index += Character.charCount(ch);
      if (inClass) {
        // Inside [...] only - and the closing ] have a meaning (GlobSyntax has checked the ranges).
        if (ch == ']') {
          regex.append(']');
          inClass = false;
        } else if (ch == '-') {
          regex.append('-');
        } else {
          if (ch == '\\') {
            ch = pattern.codePointAt(index);
            index += Character.charCount(ch);
          }
          appendLiteral(regex, ch);
        }
        continue;
      }
      if (ch == '*') {
        if (index < pattern.length() && pattern.charAt(index) == '*') {
          index++;
          if (index < pattern.length() && pattern.charAt(index) == '/') {
            index++;
          }
          if (index == pattern.length()) {
            if (kind == Kind.EXACT) {
              kind = Kind.PREFIX;
            } else {
              regex.append("[^\\n]*");
              kind = Kind.REGEX;
            }
          } else {
            regex.append("(?:[^\\n]*/)?");
            kind = Kind.REGEX;
          }
          if (token == 0) {
            kind = Kind.SUFFIX;
          }
        } else {
          regex.append("[^/]*");
          kind = Kind.REGEX;
        }
      } else if (ch == '?') {
        regex.append("[^/]");
        kind = Kind.REGEX;
      } else if (ch == '\\' && index < pattern.length()) {
        int escaped = pattern.codePointAt(index);
        index += Character.charCount(escaped);
        appendLiteral(regex, escaped);
        kind = Kind.REGEX;
      } else if (ch == '[') {
        regex.append('[');
        if (pattern.startsWith("^", index)) {
          regex.append('^');
          index++;
        }
        inClass = true;
        kind = Kind.REGEX;
      } else {
        appendLiteral(regex, ch);
      }
    }
    return new PathPattern(pattern, exception, kind, kind == Kind.REGEX ? Pattern.compile(regex.toString()) : null);
  }

  private static void appendLiteral(StringBuilder regex, int ch) {
    if (!Character.isLetterOrDigit(ch)) {
      regex.append('\\');
    }
    regex.appendCodePoint(ch);
  }
}
