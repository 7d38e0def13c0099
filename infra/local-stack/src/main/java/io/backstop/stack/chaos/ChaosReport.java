package io.backstop.stack.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The rows of a chaos run, how long it took, and the table that prints them. */
public record ChaosReport(List<ChaosRow> rows, Duration took) {

  public ChaosReport {
    rows = List.copyOf(rows);
  }

  /** Every row held, and there was at least one. */
  public boolean allHeld() {
    return !rows.isEmpty() && rows.stream().allMatch(ChaosRow::held);
  }

  public List<ChaosRow> broken() {
    return rows.stream().filter(r -> !r.held()).toList();
  }

  /** The table: fault, expectation, observed, pass/FAIL; long cells wrap within their column. */
  public String table() {
    int[] widths = {34, 46, 58, 4};
    StringBuilder out = new StringBuilder();
    line(out, widths, new String[] {"FAULT", "EXPECTATION", "OBSERVED", "HELD"});
    out.append("-".repeat(widths[0] + widths[1] + widths[2] + widths[3] + 6)).append('\n');
    for (ChaosRow row : rows) {
      line(
          out,
          widths,
          new String[] {
            row.fault(), row.expectation(), row.observed(), row.held() ? "pass" : "FAIL"
          });
    }
    out.append(
        String.format(
            "%d of %d held; the run took %.1f s%n",
            rows.stream().filter(ChaosRow::held).count(), rows.size(), took.toMillis() / 1000.0));
    return out.toString();
  }

  private static void line(StringBuilder out, int[] widths, String[] cells) {
    List<List<String>> wrapped = new ArrayList<>();
    int height = 1;
    for (int i = 0; i < cells.length; i++) {
      List<String> lines = wrap(cells[i], widths[i]);
      wrapped.add(lines);
      height = Math.max(height, lines.size());
    }
    for (int l = 0; l < height; l++) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < cells.length; i++) {
        String part = l < wrapped.get(i).size() ? wrapped.get(i).get(l) : "";
        text.append(String.format("%-" + widths[i] + "s", part));
        if (i < cells.length - 1) {
          text.append("  ");
        }
      }
      out.append(text.toString().stripTrailing()).append('\n');
    }
  }

  private static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String word : text.split(" ")) {
      while (word.length() > width) {
        if (current.length() > 0) {
          lines.add(current.toString());
          current.setLength(0);
        }
        lines.add(word.substring(0, width));
        word = word.substring(width);
      }
      if (current.length() > 0 && current.length() + 1 + word.length() > width) {
        lines.add(current.toString());
        current.setLength(0);
      }
      if (current.length() > 0) {
        current.append(' ');
      }
      current.append(word);
    }
    if (current.length() > 0 || lines.isEmpty()) {
      lines.add(current.toString());
    }
    return lines;
  }
}
