package dev.kbuildx.buildkit.session;

import java.util.ArrayList;
import java.util.List;

/**
 * An ordered list of patterns with moby/patternmatcher's rule: the last applicable pattern wins, a
 * {@code !} pattern can only take back an earlier match and a normal one can only match, and a path
 * matches a pattern when the path or one of its parent directories does.
 */
final class PatternMatcher {
  private final List<PathPattern> patterns;
  private final boolean hasExceptions;

  private PatternMatcher(List<PathPattern> patterns) {
    this.patterns = List.copyOf(patterns);
    this.hasExceptions = patterns.stream().anyMatch(PathPattern::isException);
  }

  /** Compiles the patterns in order; blank ones are dropped. */
  static PatternMatcher compile(List<String> rawPatterns) {
    List<PathPattern> compiled = new ArrayList<>();
    for (String raw : rawPatterns) {
      PathPattern pattern = PathPattern.compile(raw);
      if (pattern != null) {
        compiled.add(pattern);
      }
    }
    return new PatternMatcher(compiled);
  }

  List<PathPattern> patterns() {
    return patterns;
  }

  boolean hasExceptions() {
    return hasExceptions;
  }

  /** Whether {@code path} (slash-separated, relative) or one of its parents matches, after exceptions. */
  boolean matchesOrParentMatches(String path) {
    return match(path, null).matched();
  }

  /**
   * The walk's form of {@link #matchesOrParentMatches}: a pattern the parent directory matched also
   * matches its children, so only the path itself is tested against the other patterns. With no
   * parent result (top-level entries) every parent directory is tested.
   */
  Result match(String path, Result parent) {
    boolean matched = false;
    boolean[] perPattern = new boolean[patterns.size()];
    for (int i = 0; i < perPattern.length; i++) {
      PathPattern pattern = patterns.get(i);
      boolean match = parent != null && parent.perPattern[i];
      if (!match) {
        // A normal pattern cannot change a match, an exception cannot change a non-match: skip them.
        if (pattern.isException() != matched) {
          continue;
        }
        match = pattern.matches(path) || parent == null && parentMatches(pattern, path);
      }
      perPattern[i] = match;
      if (match) {
        matched = !pattern.isException();
      }
    }
    return new Result(matched, perPattern);
  }

  private static boolean parentMatches(PathPattern pattern, String path) {
    int slash = path.indexOf('/');
    while (slash >= 0) {
      if (pattern.matches(path.substring(0, slash))) {
        return true;
      }
      slash = path.indexOf('/', slash + 1);
    }
    return false;
  }

  /** The outcome for one path, and which patterns it matched, for its children. */
  record Result(boolean matched, boolean[] perPattern) {}
}
