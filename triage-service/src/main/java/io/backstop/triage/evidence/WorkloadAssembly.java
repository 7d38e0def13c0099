package io.backstop.triage.evidence;

import io.backstop.events.id.EvidenceId;
import io.backstop.events.signal.EvidenceKind;
import io.backstop.events.signal.Symptom;
import io.backstop.events.signal.SymptomKind;
import io.backstop.events.signal.WorkloadKind;
import io.backstop.events.signal.WorkloadRef;
import io.backstop.triage.kubernetes.EventObservation;
import io.backstop.triage.kubernetes.NodeReads;
import io.backstop.triage.kubernetes.PodObservation;
import io.backstop.triage.kubernetes.Rollouts.ReadRevision;
import io.backstop.triage.metrics.ErrorSignal;
import io.backstop.triage.metrics.MetricReading;
import io.backstop.triage.metrics.MetricsGatherer.WindowPeak;
import io.backstop.triage.metrics.MetricsReport;
import io.backstop.triage.metrics.NamespaceMetrics;
import io.backstop.triage.metrics.PrometheusSettings;
import io.backstop.triage.metrics.Sample;
import io.backstop.triage.metrics.Series;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The evidence and the own symptoms of one workload: the alerted one in full (its queries,
 * revisions, pods, usage, events, log tails), a related one in brief (the namespace-wide readings,
 * its newest revisions, its most telling pods, events and log tails), each item naming the workload
 * it is about.
 */
final class WorkloadAssembly {

  static final int RELATED_REVISIONS = 3;
  static final int RELATED_PODS = 5;
  static final int RELATED_EVENTS = 10;

  private final EvidenceLedger ledger;
  private final ClusterReads reads;
  private final RelatedPlan.Plan plan;
  private final PrometheusSettings prometheus;
  private final GatheringLimits limits;
  private final Instant now;
  private final Instant alertStartsAt;
  private final SymptomRecognizer recognizer = new SymptomRecognizer();

  WorkloadAssembly(
      EvidenceLedger ledger,
      ClusterReads reads,
      RelatedPlan.Plan plan,
      PrometheusSettings prometheus,
      GatheringLimits limits,
      Instant now,
      Instant alertStartsAt) {
    this.ledger = ledger;
    this.reads = reads;
    this.plan = plan;
    this.prometheus = prometheus;
    this.limits = limits;
    this.now = now;
    this.alertStartsAt = alertStartsAt;
  }

  /** One workload's observations, own symptoms, and the ids of every item about it. */
  record Assembled(
      WorkloadRef ref, Observations observations, List<Symptom> symptoms, List<EvidenceId> ids) {}

  Assembled alerted(WorkloadRef target, MetricsReport report) {
    int first = ledger.items().size();
    EvidenceWriter writer = new EvidenceWriter(ledger, target, now);
    @SuppressWarnings("unchecked")
    Cited<ErrorSignal>[] errors = new Cited[1];
    var metrics = writer.metrics(report, errors);
    writer.revisions(plan.revisions().getOrDefault(target, List.of()));
    List<Pod> pods = ClusterReader.mostTelling(podsOf(target), limits.maxPods());
    Observations o =
        observe(
            target,
            writer,
            pods,
            limits.maxEvents(),
            metrics,
            report,
            errors[0],
            Integer.MAX_VALUE);
    return new Assembled(target, o, recognizer.recognise(o), idsSince(first));
  }

  Assembled related(WorkloadRef ref, NamespaceMetrics namespace) {
    int first = ledger.items().size();
    EvidenceWriter writer = new EvidenceWriter(ledger, ref, now);
    List<Cited<MetricReading>> metrics = new ArrayList<>();
    Cited<ErrorSignal> errors = null;
    Optional<NamespaceMetrics.WorkloadMetrics> m =
        ref.kind() == WorkloadKind.DEPLOYMENT ? namespace.of(ref.name()) : Optional.empty();
    if (m.isPresent()) {
      if (m.get().errors() != null) {
        errors =
            Cited.of(
                m.get().errors(),
                writer.errorSignal(
                    m.get().errors(), "prometheus", "namespace-query/requests_by_code"));
      }
      memory(writer, ref, PrometheusSettings.MEMORY, m.get().memory(), metrics);
      memory(writer, ref, PrometheusSettings.MEMORY_RATIO, m.get().memoryRatio(), metrics);
      podMemory(writer, ref, m.get().podMemory(), metrics);
    }
    writer.revisions(plan.revisions().getOrDefault(ref, List.of()), RELATED_REVISIONS);
    List<Pod> pods = ClusterReader.mostTelling(podsOf(ref), RELATED_PODS);
    MetricsReport report =
        new MetricsReport(
            m.isPresent(),
            metrics.stream().map(Cited::value).toList(),
            errors == null ? null : errors.value().onset(),
            prometheus,
            errors == null ? null : errors.value());
    Observations o =
        observe(ref, writer, pods, RELATED_EVENTS, metrics, report, errors, RELATED_PODS);
    return new Assembled(ref, o, recognizer.recognise(o), idsSince(first));
  }

  private Observations observe(
      WorkloadRef ref,
      EvidenceWriter writer,
      List<Pod> pods,
      int maxEvents,
      List<Cited<MetricReading>> metrics,
      MetricsReport report,
      Cited<ErrorSignal> errors,
      int maxUsage) {
    List<PodObservation> observed = pods.stream().map(PodObservation::of).toList();
    Set<String> names = observed.stream().map(PodObservation::name).collect(Collectors.toSet());
    var citedPods = writer.pods(observed);
    var citedUsage =
        writer.usage(
            reads.usage().stream().filter(u -> names.contains(u.pod())).limit(maxUsage).toList());
    var citedEvents = writer.events(events(ref, maxEvents));
    var citedLogs =
        writer.logs(reads.logs().stream().filter(l -> names.contains(l.pod())).toList());
    return new Observations(
        ref,
        now,
        alertStartsAt,
        citedPods,
        citedEvents,
        citedLogs,
        metrics,
        report,
        citedUsage,
        errors);
  }

  private void memory(
      EvidenceWriter writer,
      WorkloadRef ref,
      String name,
      List<Sample> range,
      List<Cited<MetricReading>> metrics) {
    if (range.isEmpty()) {
      return;
    }
    double latest = range.get(range.size() - 1).value();
    double firstValue = range.get(0).value();
    String text =
        name.equals(PrometheusSettings.MEMORY)
            ? String.format(
                Locale.ROOT,
                "memory working set of %s/%s = %d bytes, %d bytes at %s (namespace query)",
                ref.namespace(),
                ref.name(),
                Math.round(latest),
                Math.round(firstValue),
                range.get(0).at())
            : String.format(
                Locale.ROOT,
                "fullest container of %s/%s uses %.0f%% of its memory limit, peak %.0f%% over the range (namespace query)",
                ref.namespace(),
                ref.name(),
                latest * 100,
                range.stream()
                        .mapToDouble(Sample::value)
                        .filter(v -> !Double.isNaN(v))
                        .max()
                        .orElse(latest)
                    * 100);
    Optional<EvidenceId> id =
        writer.item(EvidenceKind.METRIC, "prometheus", "namespace-query/" + name, text, false);
    metrics.add(Cited.of(new MetricReading(name, "namespace query", latest, range, null), id));
  }

  /**
   * Each pod's share of its memory limit over the range, as one item (the climb is the symptom's).
   */
  private void podMemory(
      EvidenceWriter writer,
      WorkloadRef ref,
      List<Series> pods,
      List<Cited<MetricReading>> metrics) {
    if (pods.isEmpty()) {
      return;
    }
    String text =
        "memory of each pod of "
            + ref.namespace()
            + "/"
            + ref.name()
            + " as a share of its limit now: "
            + EvidenceWriter.podShares(pods)
            + " (namespace query)";
    Optional<EvidenceId> id =
        writer.item(
            EvidenceKind.METRIC,
            "prometheus",
            "namespace-query/" + PrometheusSettings.MEMORY_BY_POD,
            text,
            false);
    List<Sample> first = pods.get(0).samples();
    Double latest = first.isEmpty() ? null : first.get(first.size() - 1).value();
    metrics.add(
        Cited.of(
            new MetricReading(
                PrometheusSettings.MEMORY_BY_POD, "namespace query", latest, first, null, pods),
            id));
  }

  /** The workload's pods: of this namespace, else (a neighbour on a node) read from the nodes. */
  List<Pod> podsOf(WorkloadRef ref) {
    List<Pod> pods = plan.index().podsOf(ref);
    if (!pods.isEmpty() || ref.namespace().equals(plan.index().namespace())) {
      return pods;
    }
    List<Pod> out = new ArrayList<>();
    for (NodeReads n : reads.nodes()) {
      n.pods().stream().filter(p -> plan.index().workloadOf(p).equals(ref)).forEach(out::add);
    }
    return out;
  }

  /** Events about the workload, its ReplicaSets or pods: warnings first, newest first. */
  private List<EventObservation> events(WorkloadRef ref, int max) {
    List<Event> about = plan.index().eventsOf(ref, reads.events());
    return about.stream()
        .map(EventObservation::of)
        .sorted(
            Comparator.comparing((EventObservation e) -> !e.warning())
                .thenComparing(e -> e.lastSeen(), Comparator.nullsLast(Comparator.reverseOrder())))
        .limit(max)
        .toList();
  }

  /**
   * The facts its revisions are judged by: {@code onset} is the workload's own (null when it shows
   * no anomaly), {@code incidentOnset} the incident's.
   */
  RevisionHealthJudge.Facts facts(
      WorkloadRef ref,
      Assembled a,
      List<Symptom> symptoms,
      Instant onset,
      Instant incidentOnset,
      NamespaceMetrics namespace,
      Map<Long, WindowPeak> windows) {
    List<PodObservation> pods = podsOf(ref).stream().map(PodObservation::of).toList();
    ErrorSignal errors =
        a != null && a.observations().errors() != null
            ? a.observations().errors().value()
            : namespace.of(ref.name()).map(NamespaceMetrics.WorkloadMetrics::errors).orElse(null);
    List<Sample> excess = errors == null ? List.of() : errors.excess();
    return new RevisionHealthJudge.Facts(
        onset,
        now,
        symptoms,
        pods,
        excess,
        prometheus.errorRatioThreshold(),
        windows,
        incidentOnset);
  }

  /** A related workload's onset: its error signal's, else its earliest failure symptom's. */
  static Instant onsetOf(Assembled a, List<Symptom> symptoms) {
    if (a != null
        && a.observations().errors() != null
        && a.observations().errors().value().onset() != null) {
      return a.observations().errors().value().onset();
    }
    return symptoms.stream()
        .filter(
            s ->
                RevisionHealthJudge.FAILURES.contains(s.kind())
                    || s.kind() == SymptomKind.MEMORY_GROWTH)
        .map(Symptom::since)
        .filter(Objects::nonNull)
        .min(Comparator.naturalOrder())
        .orElse(null);
  }

  ClusterReads reads() {
    return reads;
  }

  GatheringLimits limits() {
    return limits;
  }

  PrometheusSettings prometheus() {
    return prometheus;
  }

  /** The revisions of a workload, for writers of findings. */
  List<ReadRevision> revisionsOf(WorkloadRef ref) {
    return plan.revisions().getOrDefault(ref, List.of());
  }

  private List<EvidenceId> idsSince(int first) {
    List<EvidenceId> out = new ArrayList<>();
    var items = ledger.items();
    for (int i = first; i < items.size(); i++) {
      out.add(items.get(i).id());
    }
    return out;
  }
}
