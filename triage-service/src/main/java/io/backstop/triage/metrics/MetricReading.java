package io.backstop.triage.metrics;

import java.util.List;

/**
 * The answer to one named query: the latest value (null when Prometheus had no data), the range
 * when one was read (its first series), every series of the range (a query grouped {@code by
 * (code)} has one per code), or the error that kept it from being read.
 */
public record MetricReading(
    String name,
    String query,
    Double latest,
    List<Sample> range,
    String error,
    List<Series> series) {

  public MetricReading {
    range = range == null ? List.of() : List.copyOf(range);
    series = series == null ? List.of() : List.copyOf(series);
  }

  public MetricReading(String name, String query, Double latest, List<Sample> range, String error) {
    this(name, query, latest, range, error, List.of());
  }

  public boolean failed() {
    return error != null;
  }

  public boolean hasValue() {
    return latest != null && !latest.isNaN();
  }
}
