package dev.kbuildx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The types each source file of a tree names by qualified name, in its imports or in its code:
 * what crosses a package boundary. Same-package references need no qualified name, so they never
 * cross one and are not read.
 */
final class SourceReferences {
  private static final Pattern PACKAGE = Pattern.compile("(?m)^package ([\\w.]+);");
  private static final Pattern QUALIFIED = Pattern.compile(
      "(?<![\\w.])((?:[a-z_]\\w*\\.)+)([A-Z]\\w*|\\*)");

  /** One qualified reference: the file's package and class, and the referenced package and type. */
  record Reference(String fromPackage, String fromClass, String toPackage, String toType) {
    @Override
    public String toString() {
      return fromPackage + "." + fromClass + " -> " + toPackage + "." + toType;
    }
  }

  private SourceReferences() {}

  static List<Reference> read(Path root) {
    List<Reference> references = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(path -> path.toString().endsWith(".java")).sorted().toList()) {
        references.addAll(of(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return references;
  }

  private static List<Reference> of(Path file) throws IOException {
    String code = codeOnly(Files.readString(file));
    Matcher declared = PACKAGE.matcher(code);
    String fromPackage = declared.find() ? declared.group(1) : "";
    String fromClass = file.getFileName().toString().replace(".java", "");
    String body = code.substring(fromPackage.isEmpty() ? 0 : declared.end());
    List<Reference> references = new ArrayList<>();
    Matcher qualified = QUALIFIED.matcher(body);
    while (qualified.find()) {
      String toPackage = qualified.group(1).substring(0, qualified.group(1).length() - 1);
      references.add(new Reference(fromPackage, fromClass, toPackage, qualified.group(2)));
    }
    return references;
  }

  /** The source without comments and literals, whose words are not references. */
  static String codeOnly(String source) {
    StringBuilder code = new StringBuilder(source.length());
    int i = 0;
    while (i < source.length()) {
      if (source.startsWith("//", i)) {
        i = end(source, "\n", i + 2) - 1;
      } else if (source.startsWith("/*", i)) {
        i = end(source, "*/", i + 2);
      } else if (source.startsWith("\"\"\"", i)) {
        i = endOfLiteral(source, "\"\"\"", i + 3);
        code.append("\"\"");
      } else if (source.charAt(i) == '"' || source.charAt(i) == '\'') {
        i = endOfLiteral(source, String.valueOf(source.charAt(i)), i + 1);
        code.append("\"\"");
      } else {
        code.append(source.charAt(i++));
      }
    }
    return code.toString();
  }

  private static int end(String source, String closing, int from) {
    int at = source.indexOf(closing, from);
    return at < 0 ? source.length() : at + closing.length();
  }

  private static int endOfLiteral(String source, String closing, int from) {
    int i = from;
    while (i < source.length() && !source.startsWith(closing, i)) {
      i += source.charAt(i) == '\\' ? 2 : 1;
    }
    return Math.min(source.length(), i + closing.length());
  }
}
