package io.backstop.triage.evidence;

import io.backstop.events.AlertReceived;
import io.backstop.events.EventHeader;
import io.backstop.events.SignalsGathered;
import io.backstop.events.Stage;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.signal.WorkloadKind;
import io.backstop.events.signal.WorkloadRef;
import io.backstop.redaction.Redactor;
import io.backstop.triage.incident.AlertGrouping;
import io.backstop.triage.kubernetes.ReadOnlyCluster;
import io.backstop.triage.metrics.MetricsGatherer;
import io.backstop.triage.metrics.MetricsReport;
import io.backstop.triage.metrics.PrometheusSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Gathers the signals of one admitted alert into a SignalsGathered: reads the cluster (read-only)
 * and Prometheus within their timeouts, numbers and redacts the evidence, recognises symptoms,
 * finds the onset and judges each revision. Whatever could not be read is listed in {@code
 * missingSources}; the result is never invented and never withheld.
 */
public final class SignalGatherer {

  private final Optional<ReadOnlyCluster> cluster;
  private final MetricsGatherer metrics;
  private final PrometheusSettings prometheus;
  private final GatheringLimits limits;
  private final Redactor redactor;
  private final ExecutorService executor;
  private final Clock clock;
  private final SignalsAssembler assembler;

  public SignalGatherer(
      Optional<ReadOnlyCluster> cluster,
      PrometheusSettings prometheus,
      GatheringLimits limits,
      Redactor redactor,
      ExecutorService executor,
      Clock clock) {
    this.cluster = cluster;
    this.prometheus = prometheus;
    this.metrics = new MetricsGatherer(prometheus, clock);
    this.limits = limits;
    this.redactor = redactor;
    this.executor = executor;
    this.clock = clock;
    this.assembler = new SignalsAssembler(prometheus, limits, redactor);
  }

  /**
   * Gathers, and never fails: should anything unforeseen break the gathering itself, the result is
   * a SignalsGathered with no evidence that says so in {@code missingSources}, so the incident goes
   * on to diagnosis (which escalates for want of evidence) instead of being stuck or dead-lettered.
   */
  public SignalsGathered gather(AlertReceived admitted) {
    try {
      return gatherOrThrow(admitted);
    } catch (RuntimeException e) {
      Instant now = clock.instant();
      WorkloadRef target =
          AlertGrouping.workload(admitted.labels()).orElseGet(() -> unnamed(admitted));
      String reason = redactor.redact(SourceCalls.describe(e)).text();
      return EventCodec.seal(
          new SignalsGathered(
              EventHeader.reactingTo(admitted, Stage.TRIAGE, SignalsGathered.class, 1, now),
              target,
              List.of(),
              List.of(),
              List.of(),
              List.of(),
              admitted.startsAt(),
              0,
              List.of("gathering: failed, no evidence was gathered: " + reason)));
    }
  }

  private SignalsGathered gatherOrThrow(AlertReceived admitted) {
    Instant now = clock.instant();
    SourceCalls calls = new SourceCalls(executor, limits.sourceTimeout(), limits.totalTimeout());
    Optional<WorkloadRef> named = AlertGrouping.workload(admitted.labels());
    WorkloadRef target = named.orElseGet(() -> unnamed(admitted));
    Future<MetricsReport> report =
        calls.start(
            () ->
                named.isPresent()
                    ? metrics.gather(target.namespace(), target.name(), now)
                    : MetricsReport.unavailable(prometheus));
    ClusterReads reads = readCluster(named, calls);
    MetricsReport metricsReport = awaitMetrics(named, calls, report);
    return assembler.assemble(admitted, target, reads, metricsReport, calls.missing(), now);
  }

  private ClusterReads readCluster(Optional<WorkloadRef> target, SourceCalls calls) {
    if (target.isEmpty()) {
      calls.skipped(
          "kubernetes",
          "the alert names no namespace and workload"
              + " (labels namespace plus deployment, statefulset, pod, workload, app, service or job)");
      return ClusterReads.empty();
    }
    if (cluster.isEmpty()) {
      calls.skipped(
          "kubernetes", "cluster access is disabled (backstop.triage.kubernetes.enabled)");
      return ClusterReads.empty();
    }
    return new ClusterReader(cluster.get(), limits).read(target.get(), calls);
  }

  private MetricsReport awaitMetrics(
      Optional<WorkloadRef> target, SourceCalls calls, Future<MetricsReport> report) {
    MetricsReport r =
        calls.await("prometheus", report).orElse(MetricsReport.unavailable(prometheus));
    if (!r.available() && target.isPresent() && !prometheus.configured()) {
      calls.skipped("prometheus", "not configured (backstop.triage.prometheus.url is unset)");
    }
    r.readings().stream()
        .filter(m -> m.failed())
        .forEach(m -> calls.skipped("prometheus/" + m.name(), m.error()));
    return r;
  }

  private static WorkloadRef unnamed(AlertReceived alert) {
    String ns = alert.labels().getOrDefault("namespace", "unknown");
    return new WorkloadRef(
        WorkloadKind.OTHER, ns.isBlank() ? "unknown" : ns, "alert:" + alert.alertname());
  }
}
