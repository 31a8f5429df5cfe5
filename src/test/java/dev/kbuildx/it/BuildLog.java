package dev.kbuildx.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The {@code build.log} of an invoker integration test, with assertions whose failures quote the
 * log. All invocations of one test ({@code invoker.goals.1}, {@code .2}, ...) append to the same
 * file; {@link #invocation(int)} cuts out one of them.
 */
public final class BuildLog {
  /** Maven prints this first in every run, also for goals that need no project. */
  private static final String RUN_START = "Scanning for projects...";
  /** Maven 3.8 still writes some colour resets in batch mode. */
  private static final Pattern ANSI_ESCAPE = Pattern.compile("\\x1B\\[[0-9;]*m");
  /** The invoker writes these around its hook scripts into the same file. */
  private static final Pattern HOOK_LINE =
      Pattern.compile("^(Running|Finished) [a-z-]+ script: ");

  private final String name;
  private final String text;

  private BuildLog(String name, String text) {
    this.name = name;
    this.text = text;
  }

  /** Reads {@code build.log} of the integration-test project in {@code projectDir}. */
  public static BuildLog of(File projectDir) {
    File file = new File(projectDir, "build.log");
    try {
      String text = Files.readString(file.toPath());
      return new BuildLog(file.getPath(), ANSI_ESCAPE.matcher(text).replaceAll(""));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  static BuildLog ofText(String name, String text) {
    return new BuildLog(name, text);
  }

  public String text() {
    return text;
  }

  /** The output of the {@code number}-th Maven run (1-based) in this log. */
  public BuildLog invocation(int number) {
    List<String> runs = runs();
    if (number < 1 || number > runs.size()) {
      throw new AssertionError(name + " has " + runs.size() + " Maven runs, not run " + number
          + ":\n" + text);
    }
    return new BuildLog(name + " run " + number, runs.get(number - 1));
  }

  /**
   * What the latest Maven run printed, as a {@code verify.<run>.groovy} sees the log: everything
   * after the previous hook script. Unlike {@link #invocation(int)} it also finds a run with
   * {@code -q}, which does not print where it starts.
   */
  public BuildLog latestRun() {
    List<String> lines = text.lines().toList();
    int end = lines.size();
    while (end > 0 && HOOK_LINE.matcher(lines.get(end - 1)).find()) {
      end--;
    }
    int start = end;
    while (start > 0 && !HOOK_LINE.matcher(lines.get(start - 1)).find()) {
      start--;
    }
    return new BuildLog(name + " latest run",
        lines.subList(start, end).stream().map(line -> line + "\n").collect(Collectors.joining()));
  }

  /** The log without the invoker's own lines about hook scripts: only what Maven printed. */
  public BuildLog withoutHookLines() {
    return new BuildLog(name, text.lines()
        .filter(line -> !HOOK_LINE.matcher(line).find())
        .map(line -> line + "\n")
        .collect(Collectors.joining()));
  }

  /** Asserts that the fragments occur in this order, each after the end of the previous one. */
  public BuildLog containsInOrder(String... fragments) {
    int from = 0;
    for (String fragment : fragments) {
      int at = text.indexOf(fragment, from);
      if (at < 0) {
        String where = from == 0 ? "" : " after \"" + text.substring(0, from).lines()
            .reduce((first, second) -> second).orElse("") + "\"";
        throw new AssertionError(name + " lacks \"" + fragment + "\"" + where + ":\n" + text);
      }
      from = at + fragment.length();
    }
    return this;
  }

  public BuildLog doesNotContain(String fragment) {
    if (text.contains(fragment)) {
      throw new AssertionError(name + " should not contain \"" + fragment + "\":\n" + text);
    }
    return this;
  }

  /** The lines matching {@code regex} (anywhere in the line), for finer checks in scripts. */
  public List<String> lines(String regex) {
    Pattern pattern = Pattern.compile(regex);
    return text.lines().filter(line -> pattern.matcher(line).find()).toList();
  }

  private List<String> runs() {
    List<String> runs = new ArrayList<>();
    StringBuilder current = null;
    for (String line : text.split("\n", -1)) {
      if (line.contains(RUN_START)) {
        if (current != null) {
          runs.add(current.toString());
        }
        current = new StringBuilder();
      }
      if (current != null) {
        current.append(line).append('\n');
      }
    }
    if (current != null) {
      runs.add(current.toString());
    }
    return runs;
  }
}
