package io.backstop.bench;

/**
 * One figure of the bench: its value, and its target when it has one. {@code floorRatio} is the
 * value divided by the four-hop Kafka floor measured in the same run (latencies only). A target is
 * {@code <= limit} or {@code >= limit}; {@code limit} is absolute, or a multiple of the floor when
 * {@code relativeToFloor}.
 */
public record Figure(
    String key,
    String label,
    double value,
    String unit,
    Double floorRatio,
    Target target,
    String note) {

  /** What the figure must reach. */
  public record Target(String op, double limit, boolean relativeToFloor) {

    public static Target atMost(double limit) {
      return new Target("<=", limit, false);
    }

    public static Target atLeast(double limit) {
      return new Target(">=", limit, false);
    }

    public static Target exactly(double value) {
      return new Target("==", value, false);
    }

    public static Target atMostFloor(double multiple) {
      return new Target("<=", multiple, true);
    }

    boolean met(double value, Double floorRatio) {
      double v = relativeToFloor ? (floorRatio == null ? Double.NaN : floorRatio) : value;
      return switch (op) {
        case "<=" -> v <= limit;
        case ">=" -> v >= limit;
        default -> v == limit;
      };
    }

    String describe(String unit) {
      return op
          + " "
          + (relativeToFloor ? fmt(limit) + " x floor" : fmt(limit) + " " + unit).trim();
    }
  }

  public Boolean met() {
    return target == null ? null : target.met(value, floorRatio);
  }

  static String fmt(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    if (Math.abs(v) >= 100 || v == Math.rint(v)) {
      return String.format("%,.0f", v);
    }
    return String.format(Math.abs(v) >= 10 ? "%.1f" : "%.2f", v);
  }
}
