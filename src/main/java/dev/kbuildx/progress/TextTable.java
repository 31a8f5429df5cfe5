package dev.kbuildx.progress;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows laid out as buildx's tables are (Go tabwriter, minimum cell width 10, padding 3): every cell
 * but the last is padded to its column's width, and no line ends in spaces.
 */
public final class TextTable {
  private static final int MIN_WIDTH = 10;
  private static final int PADDING = 3;

  private TextTable() {}

  /** @param rows all of the same length, the header first */
  public static List<String> layout(List<List<String>> rows) {
    int columns = rows.get(0).size();
    int[] widths = new int[columns - 1];
    for (int column = 0; column < widths.length; column++) {
      widths[column] = MIN_WIDTH;
      for (List<String> row : rows) {
        widths[column] = Math.max(widths[column], width(row.get(column)) + PADDING);
      }
    }
    List<String> lines = new ArrayList<>();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int column = 0; column < widths.length; column++) {
        String cell = row.get(column);
        line.append(cell).append(" ".repeat(widths[column] - width(cell)));
      }
      line.append(row.get(columns - 1));
      lines.add(line.toString().stripTrailing());
    }
    return lines;
  }

  /** Width in characters as tabwriter counts them (code points, not UTF-16 units). */
  private static int width(String cell) {
    return cell.codePointCount(0, cell.length());
  }
}
