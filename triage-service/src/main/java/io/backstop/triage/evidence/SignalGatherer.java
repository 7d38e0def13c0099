package io.backstop.triage.evidence;

import io.backstop.events.AlertReceived;
import io.backstop.events.EventHeader;
import io.backstop.events.SignalsGathered;
import io.backstop.events.Stage;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.signal.RolloutHistory;
import io.backstop.events.signal.Symptom;
import io.backstop.events.signal.Workload;
import io.backstop.events.signal.WorkloadKind;
import io.backstop.events.signal.WorkloadRef;
import io.backstop.triage.incident.AlertGrouping;
import io.backstop.triage.kubernetes.EventObservation;
import io.backstop.triage.kubernetes.Inventory;
import io.backstop.triage.kubernetes.PodObservation;
import io.backstop.triage.kubernetes.ReadOnlyCluster;
import io.backstop.triage.kubernetes.Rollouts;
import io.backstop.triage.kubernetes.Rollouts.ReadRevision;
import io.backstop.triage.metrics.MetricsGatherer;
import io.backstop.triage.metrics.MetricsReport;
import io.backstop.triage.metrics.PrometheusSettings;
import io.backstop.triage.redaction.Redactor;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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
  private final SymptomRecognizer recognizer = new SymptomRecognizer();
  private final RevisionHealthJudge judge;

  public SignalGatherer(
      Optional<ReadOnlyCluster> cluster,
      PrometheusSettings prometheus,
      GatheringLimits limits,
      Redactor redactor,
      ExecutorService executor,
      Clock clock) {
    this.cluster = cluster;
    this.prometheus = prometheus;
    this.metrics = new MetricsGatherer(prometheus);
    this.limits = limits;
    this.redactor = redactor;
    this.executor = executor;
    this.clock = clock;
    this.judge = new RevisionHealthJudge(limits.minHealthyRun());
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
    return assemble(admitted, target, reads, metricsReport, calls.missing(), now);
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

  private SignalsGathered assemble(
      AlertReceived admitted,
      WorkloadRef target,
      ClusterReads reads,
      MetricsReport report,
      List<String> missing,
      Instant now) {
    List<Workload> inventory = Inventory.of(reads.deployments(), reads.statefulSets());
    List<RolloutHistory> rollouts = rollouts(reads);
    List<ReadRevision> targetRevisions =
        reads.target().map(d -> Rollouts.revisions(d, reads.replicaSets())).orElse(List.of());
    long budget = limits.maxEventBytes() - sizeOf(rollouts, inventory) - 16_384;
    EvidenceLedger ledger =
        new EvidenceLedger(redactor, limits.maxTextChars(), Math.max(0, budget));
    EvidenceWriter writer = new EvidenceWriter(ledger, target, now);
    var cited = writer.metrics(report);
    writer.revisions(targetRevisions);
    List<PodObservation> pods = reads.pods().stream().map(PodObservation::of).toList();
    var citedPods = writer.pods(pods);
    var citedEvents = writer.events(related(reads, target, pods));
    var citedLogs = writer.logs(reads.logs());
    Observations o =
        new Observations(
            target, now, admitted.startsAt(), citedPods, citedEvents, citedLogs, cited, report);
    List<Symptom> symptoms = recognizer.recognise(o);
    Instant onset = onset(report, symptoms, admitted);
    RevisionHealthJudge.Facts facts =
        new RevisionHealthJudge.Facts(
            onset,
            now,
            symptoms,
            pods,
            report.reading(PrometheusSettings.ERROR_RATIO).map(r -> r.range()).orElse(List.of()),
            prometheus.errorRatioThreshold());
    List<RolloutHistory> judged =
        withJudgedTarget(rollouts, target, judge.judge(targetRevisions, facts));
    List<String> notes = new ArrayList<>(missing.stream().map(m -> ledger.redact(m)).toList());
    notes.addAll(ledger.omissions());
    return EventCodec.seal(
        new SignalsGathered(
            EventHeader.reactingTo(admitted, Stage.TRIAGE, SignalsGathered.class, 1, now),
            target,
            ledger.items(),
            redacted(judged, ledger),
            inventory,
            symptoms,
            onset,
            ledger.redactionCount(),
            notes));
  }

  private List<RolloutHistory> rollouts(ClusterReads reads) {
    return reads.deployments().stream()
        .limit(limits.maxDeployments())
        .map(d -> Rollouts.history(d, reads.replicaSets()))
        .filter(h -> !h.revisions().isEmpty())
        .toList();
  }

  private static List<RolloutHistory> withJudgedTarget(
      List<RolloutHistory> all,
      WorkloadRef target,
      List<io.backstop.events.signal.Revision> judged) {
    List<RolloutHistory> out = new ArrayList<>();
    boolean replaced = false;
    for (RolloutHistory h : all) {
      if (h.deployment().equals(target) && !judged.isEmpty()) {
        out.add(new RolloutHistory(target, judged));
        replaced = true;
      } else {
        out.add(h);
      }
    }
    if (!replaced && !judged.isEmpty()) {
      out.add(0, new RolloutHistory(target, judged));
    }
    return out;
  }

  private static List<RolloutHistory> redacted(
      List<RolloutHistory> histories, EvidenceLedger ledger) {
    return histories.stream()
        .map(
            h ->
                new RolloutHistory(
                    h.deployment(),
                    h.revisions().stream()
                        .map(
                            r ->
                                r.changeCause() == null
                                    ? r
                                    : new io.backstop.events.signal.Revision(
                                        r.revision(),
                                        r.image(),
                                        r.gitSha(),
                                        r.deployedAt(),
                                        ledger.redact(r.changeCause()),
                                        r.current(),
                                        r.health()))
                        .toList()))
        .toList();
  }

  /** The onset: Prometheus's, else the earliest failure symptom or the alert's start. */
  static Instant onset(MetricsReport report, List<Symptom> symptoms, AlertReceived alert) {
    if (report.onset() != null) {
      return report.onset();
    }
    return Stream.concat(symptoms.stream().map(Symptom::since), Stream.of(alert.startsAt()))
        .filter(Objects::nonNull)
        .min(Comparator.naturalOrder())
        .orElse(null);
  }

  /** Events about the target, its ReplicaSets or its pods: warnings first, newest first. */
  private List<EventObservation> related(
      ClusterReads reads, WorkloadRef target, List<PodObservation> pods) {
    Set<String> names =
        Stream.concat(
                Stream.concat(Stream.of(target.name()), pods.stream().map(PodObservation::name)),
                reads.replicaSets().stream()
                    .map(rs -> rs.getMetadata().getName())
                    .filter(n -> n.startsWith(target.name() + "-")))
            .collect(Collectors.toSet());
    return reads.events().stream()
        .map(EventObservation::of)
        .filter(e -> names.contains(e.objectName()))
        .sorted(
            Comparator.comparing((EventObservation e) -> !e.warning())
                .thenComparing(e -> e.lastSeen(), Comparator.nullsLast(Comparator.reverseOrder())))
        .limit(limits.maxEvents())
        .toList();
  }

  private static WorkloadRef unnamed(AlertReceived alert) {
    String ns = alert.labels().getOrDefault("namespace", "unknown");
    return new WorkloadRef(
        WorkloadKind.OTHER, ns.isBlank() ? "unknown" : ns, "alert:" + alert.alertname());
  }

  private static long sizeOf(List<RolloutHistory> rollouts, List<Workload> inventory) {
    return EventCodec.mapper().writeValueAsBytes(List.of(rollouts, inventory)).length;
  }
}
