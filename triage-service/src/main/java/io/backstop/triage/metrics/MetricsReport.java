package io.backstop.triage.metrics;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What Prometheus said about one workload: one reading per named query, and the anomaly onset (when
 * the error ratio last crossed its threshold from below), if it did within the range. {@code
 * available} is false when no Prometheus is configured: then there are no readings at all.
 */
public record MetricsReport(
    boolean available, List<MetricReading> readings, Instant onset, PrometheusSettings settings) {

  public MetricsReport {
    readings = readings == null ? List.of() : List.copyOf(readings);
  }

  public static MetricsReport unavailable(PrometheusSettings settings) {
    return new MetricsReport(false, List.of(), null, settings);
  }

  public Optional<MetricReading> reading(String name) {
    return readings.stream().filter(r -> r.name().equals(name)).findFirst();
  }

  public Optional<Instant> anomalyOnset() {
    return Optional.ofNullable(onset);
  }
}
