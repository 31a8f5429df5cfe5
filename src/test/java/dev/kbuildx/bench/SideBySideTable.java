package dev.kbuildx.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The side-by-side figures as a Markdown table: per case and contender min / median, Maven's own
 * {@code validate} median subtracted from kbuildx's times ("kbuildx −mvn"), and the ratios of that
 * median to each Go client's median, beside the case's target (information only, never checked).
 */
final class SideBySideTable {
  /** What a row's figures are. */
  enum Unit { SECONDS, MEGABYTES }

  private static final double MEGABYTE = 1024.0 * 1024.0;
  private static final String NONE = "–";

  private final List<Row> rows = new ArrayList<>();

  /** A new row; rows print by {@code position}, so that the table keeps its order whichever case ran first. */
  Row add(int position, String label, String target, Unit unit) {
    Row row = new Row(position, label, target, unit);
    rows.add(row);
    return row;
  }

  String markdown() {
    StringBuilder out = new StringBuilder();
    out.append("| case | buildctl | buildx | kbuildx | mvn validate | kbuildx −mvn | (kbuildx −mvn) / buildctl | (kbuildx −mvn) / buildx | target |\n");
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
    for (Row row : rows.stream().sorted(Comparator.comparingInt(row -> row.position)).toList()) {
      out.append("| ").append(String.join(" | ", row.cells())).append(" |\n");
    }
    return out.toString();
  }

  /**
   * What the JVM of each kbuildx run and of each {@code mvn validate} beside it spent on classes and
   * compiling ({@link JvmCounters}), median per case: the profile of the time kbuildx takes over
   * Maven's own. Cases with no kbuildx counters are left out.
   */
  String jvmMarkdown() {
    StringBuilder out = new StringBuilder();
    out.append("| case | classes loaded | loading classes, s | of it verifying, s | JIT compiling, s |\n");
    out.append("|---|---:|---:|---:|---:|\n");
    for (Row row : rows.stream().sorted(Comparator.comparingInt(row -> row.position))
        .filter(row -> row.jvm.containsKey(Contender.KBUILDX)).toList()) {
      out.append("| ").append(row.label)
          .append(" | ").append(row.jvmMedians(JvmCounters::classes, "%.0f"))
          .append(" | ").append(row.jvmMedians(JvmCounters::loadingSeconds, "%.2f"))
          .append(" | ").append(row.jvmMedians(JvmCounters::verifyingSeconds, "%.2f"))
          .append(" | ").append(row.jvmMedians(JvmCounters::compilingSeconds, "%.2f")).append(" |\n");
    }
    return out.toString();
  }

  /** One case's figures; times in seconds, memory in bytes. */
  static final class Row {
    private final int position;
    private final String label;
    private final String target;
    private final Unit unit;
    private final Map<Contender, List<Double>> values = new EnumMap<>(Contender.class);
    private final Map<Contender, List<JvmCounters>> jvm = new EnumMap<>(Contender.class);

    private Row(int position, String label, String target, Unit unit) {
      this.position = position;
      this.label = label;
      this.target = target;
      this.unit = unit;
    }

    void add(Contender contender, double value) {
      values.computeIfAbsent(contender, c -> new ArrayList<>()).add(value);
    }

    void addJvm(Contender contender, JvmCounters counters) {
      jvm.computeIfAbsent(contender, c -> new ArrayList<>()).add(counters);
    }

    /** "kbuildx / mvn validate" medians of one counter; the second is left out when there is none. */
    private String jvmMedians(ToDoubleFunction<JvmCounters> counter, String format) {
      String kbuildx = String.format(Locale.ROOT, format, jvmMedian(Contender.KBUILDX, counter));
      return jvm.containsKey(Contender.MVN_VALIDATE)
          ? kbuildx + " / " + String.format(Locale.ROOT, format, jvmMedian(Contender.MVN_VALIDATE, counter))
          : kbuildx;
    }

    private double jvmMedian(Contender contender, ToDoubleFunction<JvmCounters> counter) {
      return SideBySideTable.median(jvm.get(contender).stream().map(counter::applyAsDouble).toList());
    }

    private List<String> cells() {
      List<String> cells = new ArrayList<>();
      cells.add(label);
      cells.add(minMedian(Contender.BUILDCTL));
      cells.add(minMedian(Contender.BUILDX));
      cells.add(minMedian(Contender.KBUILDX));
      cells.add(has(Contender.MVN_VALIDATE) ? format(median(Contender.MVN_VALIDATE)) : NONE);
      boolean subtract = unit == Unit.SECONDS && has(Contender.KBUILDX) && has(Contender.MVN_VALIDATE);
      double maven = subtract ? median(Contender.MVN_VALIDATE) : 0;
      cells.add(subtract ? format(min(Contender.KBUILDX) - maven) + " / " + format(median(Contender.KBUILDX) - maven)
          : NONE);
      cells.add(ratio(maven, Contender.BUILDCTL));
      cells.add(ratio(maven, Contender.BUILDX));
      cells.add(target);
      return cells;
    }

    private String ratio(double maven, Contender other) {
      if (!has(Contender.KBUILDX) || !has(other) || median(other) <= 0) {
        return NONE;
      }
      return String.format(Locale.ROOT, "%.2f×", (median(Contender.KBUILDX) - maven) / median(other));
    }

    private String minMedian(Contender contender) {
      return has(contender) ? format(min(contender)) + " / " + format(median(contender)) : NONE;
    }

    private boolean has(Contender contender) {
      return values.containsKey(contender) && values.get(contender).stream().allMatch(value -> value >= 0);
    }

    private double min(Contender contender) {
      return values.get(contender).stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    private double median(Contender contender) {
      return SideBySideTable.median(values.get(contender));
    }

    private String format(double value) {
      return unit == Unit.SECONDS ? String.format(Locale.ROOT, "%.2f", value)
          : String.format(Locale.ROOT, "%.0f MB", value / MEGABYTE);
    }
  }

  /** The middle value, or the mean of the two middle ones. */
  static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }
}
