package io.backstop.triage.metrics;

import java.util.List;

/**
 * The answer to one named query: the latest value (null when Prometheus had no data), the range
 * when one was read, or the error that kept it from being read.
 */
public record MetricReading(
    String name, String query, Double latest, List<Sample> range, String error) {

  public MetricReading {
    range = range == null ? List.of() : List.copyOf(range);
  }

  public boolean failed() {
    return error != null;
  }

  public boolean hasValue() {
    return latest != null && !latest.isNaN();
  }
}
