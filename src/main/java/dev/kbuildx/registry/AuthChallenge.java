package dev.kbuildx.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One challenge of a {@code WWW-Authenticate} header (RFC 7235): a scheme such as {@code Bearer}
 * with its parameters ({@code realm}, {@code service}, {@code scope}). Parameter names are lower case.
 */
record AuthChallenge(String scheme, Map<String, String> parameters) {

  static final String BASIC = "basic";
  static final String BEARER = "bearer";

  AuthChallenge {
    scheme = scheme.toLowerCase(Locale.ROOT);
    parameters = Map.copyOf(parameters);
  }

  boolean isBasic() {
    return BASIC.equals(scheme);
  }

  boolean isBearer() {
    return BEARER.equals(scheme);
  }

  Optional<String> parameter(String name) {
    return Optional.ofNullable(parameters.get(name)).filter(value -> !value.isEmpty());
  }

  /**
   * The challenge to answer among all header values: Bearer when offered (registries that offer
   * both prefer it), else Basic; empty when neither is offered.
   */
  static Optional<AuthChallenge> choose(List<String> headerValues) {
    List<AuthChallenge> challenges = new ArrayList<>();
    headerValues.forEach(value -> challenges.addAll(parse(value)));
    return challenges.stream().filter(AuthChallenge::isBearer).findFirst()
        .or(() -> challenges.stream().filter(AuthChallenge::isBasic).findFirst());
  }

  /** All challenges of one header value; a token not followed by {@code =} starts the next challenge. */
  static List<AuthChallenge> parse(String header) {
    List<AuthChallenge> result = new ArrayList<>();
    Lexer lexer = new Lexer(header);
    String scheme = null;
    Map<String, String> parameters = new LinkedHashMap<>();
    while (lexer.skipSeparators()) {
      String token = lexer.token();
      if (token.isEmpty()) {
        // Not a token character where one was expected: the rest is not understandable.
        break;
      }
      if (scheme != null && lexer.consume('=')) {
        parameters.put(token.toLowerCase(Locale.ROOT), lexer.value());
        continue;
      }
      if (scheme != null) {
        result.add(new AuthChallenge(scheme, parameters));
        parameters = new LinkedHashMap<>();
      }
      scheme = token;
    }
    if (scheme != null) {
      result.add(new AuthChallenge(scheme, parameters));
    }
    return result;
  }

  /** Tokens and quoted strings of RFC 7230 §3.2.6. */
  private static final class Lexer {
    private final String text;
    private int position;

    Lexer(String text) {
      this.text = text;
    }

    /** Skips blanks and commas; false at the end. */
    boolean skipSeparators() {
      while (position < text.length() && (text.charAt(position) == ',' || isBlank(text.charAt(position)))) {
        position++;
      }
      return position < text.length();
    }

    String token() {
      int start = position;
      while (position < text.length() && isTokenChar(text.charAt(position))) {
        position++;
      }
      return text.substring(start, position);
    }

    boolean consume(char expected) {
      skipBlanks();
      if (position < text.length() && text.charAt(position) == expected) {
        position++;
        skipBlanks();
        return true;
      }
      return false;
    }

    String value() {
      if (position < text.length() && text.charAt(position) == '"') {
        return quoted();
      }
      return token();
    }

    private String quoted() {
      StringBuilder value = new StringBuilder();
      position++;
      while (position < text.length() && text.charAt(position) != '"') {
        char c = text.charAt(position++);
        if (c == '\\' && position < text.length()) {
          c = text.charAt(position++);
        }
        value.append(c);
      }
      position++;
      return value.toString();
    }

    private void skipBlanks() {
      while (position < text.length() && isBlank(text.charAt(position))) {
        position++;
      }
    }

    private static boolean isBlank(char c) {
      return c == ' ' || c == '\t';
    }

    private static boolean isTokenChar(char c) {
      return c > ' ' && c < 127 && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0 || c == '/' || c == ':';
    }
  }
}
