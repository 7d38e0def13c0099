package io.backstop.triage.metrics;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What Prometheus said about one workload: one reading per named query, its error signal (from the
 * request rate by status code against its own baseline, or from a custom {@code error_ratio} query;
 * null when neither answered), and the anomaly onset (when the error signal last rose above its
 * baseline by more than the threshold), if it did within the range. {@code available} is false when
 * no Prometheus is configured: then there are no readings at all.
 */
public record MetricsReport(
    boolean available,
    List<MetricReading> readings,
    Instant onset,
    PrometheusSettings settings,
    ErrorSignal errors) {

  public MetricsReport {
    readings = readings == null ? List.of() : List.copyOf(readings);
  }

  public MetricsReport(
      boolean available, List<MetricReading> readings, Instant onset, PrometheusSettings settings) {
    this(available, readings, onset, settings, null);
  }

  public static MetricsReport unavailable(PrometheusSettings settings) {
    return new MetricsReport(false, List.of(), null, settings, null);
  }

  public Optional<MetricReading> reading(String name) {
    return readings.stream().filter(r -> r.name().equals(name)).findFirst();
  }

  public Optional<Instant> anomalyOnset() {
    return Optional.ofNullable(onset);
  }

  public Optional<ErrorSignal> errorSignal() {
    return Optional.ofNullable(errors);
  }
}
