package dev.kbuildx.buildkit.session;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@code .dockerignore} into exclude patterns exactly as the Dockerfile frontend does before
 * it sends them to the client: comments and blank lines dropped, each pattern trimmed and cleaned,
 * a leading {@code /} removed, the {@code !} of exceptions kept in front.
 */
public final class DockerIgnore {
  private static final char BYTE_ORDER_MARK = '\uFEFF';

  private DockerIgnore() {}

  /** The patterns of {@code file}, or none when it does not exist. */
  public static List<String> read(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(reader);
    } catch (NoSuchFileException e) {
      return List.of();
    }
  }

  /** The patterns of a {@code .dockerignore} given as text. */
  public static List<String> parse(String content) {
    try {
      return parse(new StringReader(content));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The patterns read from {@code reader}, in file order. */
  public static List<String> parse(Reader reader) throws IOException {
    List<String> patterns = new ArrayList<>();
    String[] lines = readAll(reader).split("\n", -1);
    for (int number = 0; number < lines.length; number++) {
      String line = lines[number];
      // Lines end at \n only; a \r before it belongs to the line ending.
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      if (number == 0 && !line.isEmpty() && line.charAt(0) == BYTE_ORDER_MARK) {
        line = line.substring(1);
      }
      // A comment is recognised before trimming: " # x" is a pattern.
      if (line.startsWith("#")) {
        continue;
      }
      String pattern = GoText.trimSpace(line);
      if (pattern.isEmpty()) {
        continue;
      }
      boolean exception = pattern.charAt(0) == '!';
      if (exception) {
        pattern = GoText.trimSpace(pattern.substring(1));
      }
      if (!pattern.isEmpty()) {
        pattern = GoPaths.clean(pattern);
        if (pattern.length() > 1 && pattern.charAt(0) == '/') {
          pattern = pattern.substring(1);
        }
      }
      patterns.add(exception ? "!" + pattern : pattern);
    }
    return patterns;
  }

  private static String readAll(Reader reader) throws IOException {
    StringBuilder text = new StringBuilder();
    char[] buffer = new char[8192];
    for (int read = reader.read(buffer); read >= 0; read = reader.read(buffer)) {
      text.append(buffer, 0, read);
    }
    return text.toString();
  }
}
