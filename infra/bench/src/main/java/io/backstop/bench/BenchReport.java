package io.backstop.bench;

import io.backstop.events.codec.EventCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every figure of one bench run, with the machine it ran on; printed as a table (beside an earlier
 * run's figures when one is given) and kept as JSON so a later run can be compared with it.
 */
public record BenchReport(String machine, Instant at, String label, List<Figure> figures) {

  public BenchReport {
    figures = List.copyOf(figures);
  }

  public static String thisMachine() {
    Runtime rt = Runtime.getRuntime();
    double load =
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return String.format(
        "%s %s, %d cores, Java %s, load average %.1f at start",
        System.getProperty("os.name"),
        System.getProperty("os.arch"),
        rt.availableProcessors(),
        System.getProperty("java.version"),
        load);
  }

  public Optional<Figure> figure(String key) {
    return figures.stream().filter(f -> f.key().equals(key)).findFirst();
  }

  public void write(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(
          file, EventCodec.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(this));
    } catch (IOException e) {
      throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  public static BenchReport read(Path file) {
    try {
      return EventCodec.mapper().readValue(Files.readString(file), BenchReport.class);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** The table: each figure, its ratio to the floor, its target and whether it is met. */
  public String table(Optional<BenchReport> before) {
    List<String[]> rows = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("figure"));
    before.ifPresent(b -> header.addAll(List.of("before", "x floor")));
    header.addAll(List.of(before.isPresent() ? "after" : "value", "x floor", "target", "met"));
    rows.add(header.toArray(String[]::new));
    for (Figure f : figures) {
      List<String> row = new ArrayList<>(List.of(f.label()));
      before.ifPresent(
          b -> {
            Optional<Figure> old = b.figure(f.key());
            row.add(old.map(o -> value(o)).orElse("-"));
            row.add(old.map(o -> ratio(o)).orElse(""));
          });
      row.add(value(f));
      row.add(ratio(f));
      row.add(f.target() == null ? "" : f.target().describe(f.unit()));
      row.add(f.met() == null ? "" : f.met() ? "yes" : "NO");
      rows.add(row.toArray(String[]::new));
    }
    return render(rows);
  }

  private static String value(Figure f) {
    return (Figure.fmt(f.value()) + " " + f.unit()).trim();
  }

  private static String ratio(Figure f) {
    return f.floorRatio() == null ? "" : Figure.fmt(f.floorRatio()) + "x";
  }

  private static String render(List<String[]> rows) {
    Map<Integer, Integer> widths = new LinkedHashMap<>();
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths.merge(i, row[i].length(), Math::max);
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        boolean numeric = i > 0;
        String cell = row[i];
        int w = widths.get(i);
        out.append(
            numeric ? String.format("%" + w + "s", cell) : String.format("%-" + w + "s", cell));
        out.append(i == row.length - 1 ? "" : "  ");
      }
      out.append(System.lineSeparator());
    }
    return out.toString();
  }
}
