package io.backstop.triage.evidence;

import io.backstop.events.AlertReceived;
import io.backstop.events.EventHeader;
import io.backstop.events.SignalsGathered;
import io.backstop.events.Stage;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.signal.Revision;
import io.backstop.events.signal.RolloutHistory;
import io.backstop.events.signal.Symptom;
import io.backstop.events.signal.Workload;
import io.backstop.events.signal.WorkloadRef;
import io.backstop.redaction.Redactor;
import io.backstop.triage.kubernetes.EventObservation;
import io.backstop.triage.kubernetes.Inventory;
import io.backstop.triage.kubernetes.PodObservation;
import io.backstop.triage.kubernetes.Rollouts;
import io.backstop.triage.kubernetes.Rollouts.ReadRevision;
import io.backstop.triage.metrics.MetricsReport;
import io.backstop.triage.metrics.PrometheusSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns what was read into a SignalsGathered: inventory and rollout histories first (their size
 * sets the evidence budget), then numbered evidence, symptoms, the onset and each revision's
 * health, and the missing sources with whatever the budget left out.
 */
final class SignalsAssembler {

  private final PrometheusSettings prometheus;
  private final GatheringLimits limits;
  private final Redactor redactor;
  private final SymptomRecognizer recognizer = new SymptomRecognizer();
  private final RevisionHealthJudge judge;

  SignalsAssembler(PrometheusSettings prometheus, GatheringLimits limits, Redactor redactor) {
    this.prometheus = prometheus;
    this.limits = limits;
    this.redactor = redactor;
    this.judge = new RevisionHealthJudge(limits.minHealthyRun());
  }

  SignalsGathered assemble(
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
    var citedUsage = writer.usage(reads.usage());
    var citedEvents = writer.events(related(reads, target, pods));
    var citedLogs = writer.logs(reads.logs());
    Observations o =
        new Observations(
            target,
            now,
            admitted.startsAt(),
            citedPods,
            citedEvents,
            citedLogs,
            cited,
            report,
            citedUsage);
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
      List<RolloutHistory> all, WorkloadRef target, List<Revision> judged) {
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
                                    : new Revision(
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

  private static long sizeOf(List<RolloutHistory> rollouts, List<Workload> inventory) {
    return EventCodec.mapper().writeValueAsBytes(List.of(rollouts, inventory)).length;
  }
}
