package dev.kbuildx.buildkit.session;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides which entries of a local directory are sent, with fsutil's filter semantics: include
 * patterns (plus resolved followpaths) keep what matches them or lies below a match, exclude
 * patterns with {@code !} exceptions drop what matches. The daemon does not filter again, so
 * everything kept here lands in the build context.
 */
public final class ContextFilter {
  private static final ContextFilter NONE = new ContextFilter(null, null);
  /** Characters that make a pattern more than a literal path, for the pruning shortcut. */
  private static final String WILDCARD_CHARACTERS = "*[]?^\\";

  private final PatternMatcher includes;
  private final PatternMatcher excludes;
  private final boolean includesAreLiteral;
  private final boolean exceptionsAreLiteral;

  private ContextFilter(PatternMatcher includes, PatternMatcher excludes) {
    this.includes = includes;
    this.excludes = excludes;
    this.includesAreLiteral = includes == null || includes.patterns().stream()
        .noneMatch(p -> !p.isException() && isWildcard(p));
    this.exceptionsAreLiteral = excludes == null || excludes.patterns().stream()
        .noneMatch(p -> p.isException() && isWildcard(p));
  }

  /** Sends everything. */
  public static ContextFilter none() {
    return NONE;
  }

  /**
   * The filter for one transfer. Each list may be null (the daemon did not send that key).
   *
   * @param root the transfer root, against which followpaths are resolved
   * @throws InvalidPatternException if a pattern is malformed
   */
  public static ContextFilter of(Path root, List<String> includePatterns, List<String> excludePatterns,
      List<String> followPaths) throws IOException {
    List<String> includeList = includePatterns;
    if (followPaths != null) {
      List<String> targets = FollowPaths.resolve(root, followPaths);
      if (targets != null) {
        List<String> combined = new ArrayList<>(includePatterns == null ? List.of() : includePatterns);
        combined.addAll(targets);
        includeList = FollowPaths.withoutNested(combined);
      }
    }
    PatternMatcher includes = includeList == null || includeList.isEmpty() ? null : compile("include", includeList);
    PatternMatcher excludes = excludePatterns == null || excludePatterns.isEmpty()
        ? null : compile("exclude", excludePatterns);
    return includes == null && excludes == null ? NONE : new ContextFilter(includes, excludes);
  }

  private static PatternMatcher compile(String kind, List<String> patterns) {
    try {
      return PatternMatcher.compile(patterns);
    } catch (InvalidPatternException e) {
      throw new InvalidPatternException("invalid " + kind + " patterns " + patterns + ": " + e.getMessage());
    }
  }

  /**
   * The decision for {@code path}, given the decision for its parent directory (null at the top).
   * Entries that are not kept still pass their results on, so that an exception pattern can bring
   * back something below an excluded directory.
   */
  Decision decide(String path, boolean directory, Decision parent) {
    boolean kept = true;
    PatternMatcher.Result includeResult = null;
    PatternMatcher.Result excludeResult = null;
    if (includes != null) {
      includeResult = includes.match(path, parent == null ? null : parent.includeResult);
      if (!includeResult.matched()) {
        if (directory && includesAreLiteral && !anyPatternBelow(includes, false, path)) {
          return Decision.PRUNED;
        }
        kept = false;
      }
    }
    if (excludes != null) {
      excludeResult = excludes.match(path, parent == null ? null : parent.excludeResult);
      if (excludeResult.matched()) {
        if (directory && exceptionsAreLiteral
            && (!excludes.hasExceptions() || !anyPatternBelow(excludes, true, path))) {
          return Decision.PRUNED;
        }
        kept = false;
      }
    }
    return new Decision(kept, false, includeResult, excludeResult);
  }

  /** Whether a literal pattern of the given sort names {@code directory} or something below it. */
  private static boolean anyPatternBelow(PatternMatcher matcher, boolean exceptions, String directory) {
    String prefix = directory + "/";
    for (PathPattern pattern : matcher.patterns()) {
      if (pattern.isException() == exceptions && (withoutTrailingGlob(pattern) + "/").startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isWildcard(PathPattern pattern) {
    String text = withoutTrailingGlob(pattern);
    return text.chars().anyMatch(ch -> WILDCARD_CHARACTERS.indexOf(ch) >= 0);
  }

  private static String withoutTrailingGlob(PathPattern pattern) {
    String text = pattern.text();
    if (text.endsWith("/**")) {
      text = text.substring(0, text.length() - 3);
    }
    if (text.endsWith("/*")) {
      text = text.substring(0, text.length() - 2);
    }
    return text;
  }

  /**
   * Whether an entry is sent, whether the walk may skip everything below it (no pattern could keep
   * anything there), and the pattern results its children build on.
   */
  record Decision(boolean kept, boolean pruned, PatternMatcher.Result includeResult,
      PatternMatcher.Result excludeResult) {
    static final Decision PRUNED = new Decision(false, true, null, null);
  }
}
