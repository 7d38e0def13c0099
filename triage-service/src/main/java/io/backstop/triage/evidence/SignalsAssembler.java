package io.backstop.triage.evidence;

import io.backstop.events.AlertReceived;
import io.backstop.events.EventHeader;
import io.backstop.events.SignalsGathered;
import io.backstop.events.Stage;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.id.EvidenceId;
import io.backstop.events.signal.ErrorBasis;
import io.backstop.events.signal.Findings;
import io.backstop.events.signal.Gathering;
import io.backstop.events.signal.Revision;
import io.backstop.events.signal.RolloutHistory;
import io.backstop.events.signal.Symptom;
import io.backstop.events.signal.SymptomKind;
import io.backstop.events.signal.Workload;
import io.backstop.events.signal.WorkloadHold;
import io.backstop.events.signal.WorkloadKind;
import io.backstop.events.signal.WorkloadRef;
import io.backstop.redaction.Redactor;
import io.backstop.triage.findings.Neighbourhood;
import io.backstop.triage.kubernetes.Inventory;
import io.backstop.triage.kubernetes.Rollouts.ReadRevision;
import io.backstop.triage.metrics.MetricReading;
import io.backstop.triage.metrics.MetricsGatherer.WindowPeak;
import io.backstop.triage.metrics.MetricsReport;
import io.backstop.triage.metrics.NamespaceMetrics;
import io.backstop.triage.metrics.PrometheusSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns what was read into a SignalsGathered: inventory and rollout histories first (their size
 * sets the evidence budget), then numbered evidence (the alerted workload's, what surrounds it,
 * then each related workload's), symptoms of every workload with evidence, the onset, each of their
 * revisions judged by the one health window, the findings, and how the gathering went.
 */
final class SignalsAssembler {

  /** Bytes kept aside for the header, symptoms and findings beyond the measured parts. */
  private static final int RESERVED = 24_576;

  private final PrometheusSettings prometheus;
  private final GatheringLimits limits;
  private final Redactor redactor;
  private final RevisionHealthJudge judge;

  SignalsAssembler(PrometheusSettings prometheus, GatheringLimits limits, Redactor redactor) {
    this.prometheus = prometheus;
    this.limits = limits;
    this.redactor = redactor;
    this.judge =
        new RevisionHealthJudge(
            new RevisionHealthJudge.HealthSettings(
                limits.health().window(), limits.health().fromRolloutRecord()));
  }

  /** What one gathering cost and skipped, for its {@link Gathering} record. */
  record Cost(int apiCalls, int metricQueries, long startedNanos, List<String> skipped) {}

  SignalsGathered assemble(
      AlertReceived admitted,
      WorkloadRef target,
      ClusterReads reads,
      MetricsReport report,
      NamespaceMetrics namespace,
      RelatedPlan.Plan plan,
      Map<WorkloadRef, Map<Long, WindowPeak>> windows,
      List<String> missing,
      Cost cost,
      Instant now) {
    List<WorkloadRef> related = plan.related();
    Set<WorkloadRef> conflicted = conflicted(reads, plan);
    List<WorkloadRef> first = new ArrayList<>();
    first.add(target);
    first.addAll(related);
    List<Workload> inventory =
        Inventory.of(reads.deployments(), reads.statefulSets(), conflicted, first, reads.claims());
    Set<WorkloadRef> histories = historiesToKeep(target, related, plan);
    List<RolloutHistory> unjudged =
        histories.stream()
            .filter(plan.revisions()::containsKey)
            .map(
                r ->
                    new RolloutHistory(
                        r, plan.revisions().get(r).stream().map(ReadRevision::revision).toList()))
            .toList();
    long budget = limits.maxEventBytes() - sizeOf(unjudged, inventory) - RESERVED;
    EvidenceLedger ledger =
        new EvidenceLedger(redactor, limits.maxTextChars(), Math.max(0, budget));
    WorkloadAssembly assembly =
        new WorkloadAssembly(ledger, reads, plan, prometheus, limits, now, admitted.startsAt());
    WorkloadAssembly.Assembled alerted = assembly.alerted(target, report);
    SurroundingsWriter.Written around =
        new SurroundingsWriter(ledger, now).write(target, plan, assembly);
    Map<WorkloadRef, WorkloadAssembly.Assembled> others = new LinkedHashMap<>();
    for (Neighbourhood.Chosen c : plan.selection().chosen()) {
      others.put(c.workload(), assembly.related(c.workload(), namespace));
    }
    Map<WorkloadRef, List<Symptom>> symptoms = new LinkedHashMap<>();
    for (var o : others.entrySet()) {
      List<Symptom> own =
          new ArrayList<>(
              SymptomContext.apply(
                  o.getValue().symptoms(),
                  around.surroundings(o.getKey(), o.getValue(), Map.of())));
      own.addAll(around.autoscalerSymptoms(o.getKey(), now));
      symptoms.put(o.getKey(), List.copyOf(own));
    }
    Map<WorkloadRef, List<Symptom>> dependencies = new LinkedHashMap<>();
    plan.selection().chosen().stream()
        .filter(c -> c.relation() == io.backstop.events.signal.Relation.DEPENDENCY)
        .forEach(
            c -> dependencies.put(c.workload(), symptoms.getOrDefault(c.workload(), List.of())));
    List<Symptom> targetSymptoms =
        new ArrayList<>(
            SymptomContext.apply(
                alerted.symptoms(), around.surroundings(target, alerted, dependencies)));
    targetSymptoms.addAll(around.autoscalerSymptoms(target, now));
    Instant onset = onset(report, targetSymptoms, admitted);
    List<Symptom> all = new ArrayList<>(targetSymptoms);
    symptoms.values().forEach(all::addAll);
    List<RolloutHistory> judged = new ArrayList<>();
    for (WorkloadRef ref : histories) {
      List<ReadRevision> history = plan.revisions().get(ref);
      if (history == null) {
        continue;
      }
      WorkloadAssembly.Assembled a = ref.equals(target) ? alerted : others.get(ref);
      List<Symptom> own =
          ref.equals(target) ? targetSymptoms : symptoms.getOrDefault(ref, List.of());
      Instant workloadOnset = ref.equals(target) ? onset : WorkloadAssembly.onsetOf(a, own);
      RevisionHealthJudge.Facts facts =
          assembly.facts(
              ref, a, own, workloadOnset, onset, namespace, windows.getOrDefault(ref, Map.of()));
      judged.add(new RolloutHistory(ref, redacted(judge.judge(history, facts), ledger)));
    }
    List<String> notes = new ArrayList<>(missing.stream().map(ledger::redact).toList());
    notes.addAll(ledger.omissions());
    List<String> skipped = new ArrayList<>(cost.skipped());
    skipped.addAll(plan.selection().skipped());
    Findings findings = around.findings(plan, others, first);
    Gathering gathering =
        new Gathering(
            limits.health().window(),
            cost.apiCalls(),
            cost.metricQueries(),
            Duration.ofNanos(System.nanoTime() - cost.startedNanos()).toMillis(),
            skipped.stream().map(ledger::redact).toList(),
            report
                .errorSignal()
                .filter(
                    e ->
                        !e.codes().isEmpty()
                            && e.codes().stream().allMatch(c -> c.matches("[1-5][0-9][0-9]"))
                            && e.baseline() >= 0
                            && e.baseline() <= 1
                            && e.threshold() > 0
                            && e.threshold() <= 1)
                .map(
                    e ->
                        new ErrorBasis(
                            e.codes(),
                            e.baseline(),
                            e.threshold(),
                            report
                                .reading(PrometheusSettings.REQUESTS_BY_CODE)
                                .map(MetricReading::query)
                                .orElse(null)))
                .orElse(null));
    return EventCodec.seal(
        new SignalsGathered(
            EventHeader.reactingTo(admitted, Stage.TRIAGE, SignalsGathered.class, 1, now),
            target,
            ledger.items(),
            judged,
            held(inventory, ledger),
            all,
            onset,
            ledger.redactionCount(),
            notes,
            findings,
            gathering));
  }

  /**
   * The rollout histories kept: the alerted workload's, each related Deployment's, and every leg of
   * a release train one of them is on (the policy suggests a rollback per leg).
   */
  private static Set<WorkloadRef> historiesToKeep(
      WorkloadRef target, List<WorkloadRef> related, RelatedPlan.Plan plan) {
    Set<WorkloadRef> keep = new LinkedHashSet<>();
    keep.add(target);
    related.stream().filter(r -> r.kind() == WorkloadKind.DEPLOYMENT).forEach(keep::add);
    Set<WorkloadRef> withEvidence = new LinkedHashSet<>(keep);
    plan.trains().stream()
        .filter(t -> t.deployments().stream().anyMatch(withEvidence::contains))
        .forEach(t -> keep.addAll(t.deployments()));
    return keep;
  }

  /** The inventory with each declared hold's reason (the owners' free text) redacted. */
  private static List<Workload> held(List<Workload> inventory, EvidenceLedger ledger) {
    List<Workload> out = new ArrayList<>(inventory.size());
    for (Workload w : inventory) {
      out.add(
          w.held()
              ? w.withHold(new WorkloadHold(ledger.redact(w.hold().reason()), w.hold().source()))
              : w);
    }
    return List.copyOf(out);
  }

  private static Set<WorkloadRef> conflicted(ClusterReads reads, RelatedPlan.Plan plan) {
    Set<WorkloadRef> out = new LinkedHashSet<>();
    for (WorkloadRef ref : plan.index().podsByWorkload().keySet()) {
      boolean multiAttach =
          plan.index().eventsOf(ref, reads.events()).stream()
              .anyMatch(e -> e.getMessage() != null && e.getMessage().contains("Multi-Attach"));
      if (multiAttach) {
        out.add(ref);
      }
    }
    return out;
  }

  private static List<Revision> redacted(List<Revision> revisions, EvidenceLedger ledger) {
    return revisions.stream().map(r -> redacted(r, ledger)).toList();
  }

  /**
   * The revision with its change cause (free text from the ReplicaSet's annotation) redacted and
   * every other component kept, copied through {@link Revision#toBuilder()} so a component added to
   * the contract is never dropped here.
   */
  static Revision redacted(Revision r, EvidenceLedger ledger) {
    return r.changeCause() == null
        ? r
        : r.toBuilder().changeCause(ledger.redact(r.changeCause())).build();
  }

  /**
   * The onset: Prometheus's, else the earliest failure symptom or the alert's start (a template's
   * drift and an HPA at its maximum are states, which may long predate any failure).
   */
  static Instant onset(MetricsReport report, List<Symptom> symptoms, AlertReceived alert) {
    if (report.onset() != null) {
      return report.onset();
    }
    return Stream.concat(
            symptoms.stream()
                .filter(
                    s ->
                        s.kind() != SymptomKind.TEMPLATE_DRIFT
                            && s.kind() != SymptomKind.AUTOSCALER_AT_MAX)
                .map(Symptom::since),
            Stream.of(alert.startsAt()))
        .filter(Objects::nonNull)
        .min(Comparator.naturalOrder())
        .orElse(null);
  }

  private static long sizeOf(List<RolloutHistory> rollouts, List<Workload> inventory) {
    return EventCodec.mapper().writeValueAsBytes(List.of(rollouts, inventory)).length;
  }

  /** An id list from optional ids. */
  static List<EvidenceId> ids(Stream<java.util.Optional<EvidenceId>> ids) {
    return ids.flatMap(java.util.Optional::stream).distinct().toList();
  }
}
