package dev.kbuildx.buildkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The lines of a Dockerfile around a failing instruction, shown as buildx shows them: the file
 * and first line, then the numbered lines with {@code >>>} before those of the instruction.
 *
 * @param firstLine the 1-based first line of the instruction
 * @param lines the formatted excerpt, without the file header
 */
record SourceExcerpt(String filename, int firstLine, List<String> lines) {

  /** Lines of context shown around a one-line instruction; longer instructions get fewer. */
  private static final int CONTEXT_SINGLE = 2;
  private static final int CONTEXT_MULTI = 1;

  /** An excerpt of {@code text}; empty when the ranges do not point into it. */
  static Optional<SourceExcerpt> of(String filename, String text, List<int[]> ranges) {
    String[] all = text.split("\n", -1);
    int start = ranges.stream().mapToInt(range -> range[0]).filter(line -> line > 0).min().orElse(0);
    int end = ranges.stream().mapToInt(range -> Math.max(range[0], range[1])).max().orElse(0);
    if (start < 1 || start > all.length) {
      return Optional.empty();
    }
    end = Math.min(Math.max(end, start), all.length);
    int context = end == start ? CONTEXT_SINGLE : CONTEXT_MULTI;
    int from = Math.max(1, start - context);
    int to = Math.min(all.length, end + context);
    List<String> lines = new ArrayList<>();
    for (int line = from; line <= to; line++) {
      String marker = inRanges(line, ranges) ? ">>>" : "   ";
      lines.add(String.format(" %3d | %s %s", line, marker, all[line - 1]).stripTrailing());
    }
    return Optional.of(new SourceExcerpt(filename, start, lines));
  }

  private static boolean inRanges(int line, List<int[]> ranges) {
    return ranges.stream().anyMatch(range -> line >= range[0] && line <= Math.max(range[0], range[1]));
  }

  /** The excerpt as buildx prints it. */
  String render() {
    StringBuilder text = new StringBuilder(filename).append(':').append(firstLine).append('\n');
    text.append("--------------------\n");
    lines.forEach(line -> text.append(line).append('\n'));
    return text.append("--------------------").toString();
  }
}
