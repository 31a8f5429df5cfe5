package dev.kbuildx.buildkit.session;

/** Go's {@code strings.TrimSpace}, whose notion of white space (Unicode's) differs from {@link String#strip}. */
final class GoText {
  private GoText() {}

  static String trimSpace(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && isSpace(text.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(start, end);
  }

  private static boolean isSpace(char ch) {
    return ch >= '\t' && ch <= '\r' || ch == '\u0085' || Character.isSpaceChar(ch);
  }
}
