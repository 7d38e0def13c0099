package io.backstop.triage.evidence;

import io.backstop.events.signal.WorkloadRef;
import io.backstop.triage.kubernetes.EventObservation;
import io.backstop.triage.kubernetes.PodObservation;
import io.backstop.triage.kubernetes.PodUsage;
import io.backstop.triage.metrics.ErrorSignal;
import io.backstop.triage.metrics.MetricReading;
import io.backstop.triage.metrics.MetricsReport;
import java.time.Instant;
import java.util.List;

/**
 * Everything observed about one workload (the alerted one or a related one), each with the evidence
 * item that shows it: pods, events, logs, Prometheus readings, the pods' usage from the metrics
 * API, and its error signal (null when none was read).
 */
public record Observations(
    WorkloadRef target,
    Instant now,
    Instant alertStartsAt,
    List<Cited<PodObservation>> pods,
    List<Cited<EventObservation>> events,
    List<Cited<LogExcerpt>> logs,
    List<Cited<MetricReading>> metrics,
    MetricsReport report,
    List<Cited<PodUsage>> usage,
    Cited<ErrorSignal> errors) {

  public Observations {
    usage = usage == null ? List.of() : List.copyOf(usage);
    pods = List.copyOf(pods);
    events = List.copyOf(events);
    logs = List.copyOf(logs);
    metrics = List.copyOf(metrics);
  }

  public Observations(
      WorkloadRef target,
      Instant now,
      Instant alertStartsAt,
      List<Cited<PodObservation>> pods,
      List<Cited<EventObservation>> events,
      List<Cited<LogExcerpt>> logs,
      List<Cited<MetricReading>> metrics,
      MetricsReport report,
      List<Cited<PodUsage>> usage) {
    this(target, now, alertStartsAt, pods, events, logs, metrics, report, usage, null);
  }

  /** Observations without pod usage (no metrics API was read). */
  public Observations(
      WorkloadRef target,
      Instant now,
      Instant alertStartsAt,
      List<Cited<PodObservation>> pods,
      List<Cited<EventObservation>> events,
      List<Cited<LogExcerpt>> logs,
      List<Cited<MetricReading>> metrics,
      MetricsReport report) {
    this(target, now, alertStartsAt, pods, events, logs, metrics, report, List.of(), null);
  }
}
