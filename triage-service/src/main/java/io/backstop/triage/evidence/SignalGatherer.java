package io.backstop.triage.evidence;

import io.backstop.events.AlertReceived;
import io.backstop.events.EventHeader;
import io.backstop.events.SignalsGathered;
import io.backstop.events.Stage;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.signal.WorkloadKind;
import io.backstop.events.signal.WorkloadRef;
import io.backstop.redaction.Redactor;
import io.backstop.triage.kubernetes.CountedCluster;
import io.backstop.triage.kubernetes.ReadOnlyCluster;
import io.backstop.triage.kubernetes.Rollouts.ReadRevision;
import io.backstop.triage.metrics.ErrorCodes;
import io.backstop.triage.metrics.ErrorSignal;
import io.backstop.triage.metrics.MetricsGatherer;
import io.backstop.triage.metrics.MetricsGatherer.WindowPeak;
import io.backstop.triage.metrics.MetricsReport;
import io.backstop.triage.metrics.NamespaceMetrics;
import io.backstop.triage.metrics.PrometheusSettings;
import io.backstop.triage.metrics.QueryBudget;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Gathers the signals of one admitted alert into a SignalsGathered: reads the cluster (read-only)
 * and Prometheus within their timeouts, for the alerted workload and, within bounds, the workloads
 * and nodes around it; numbers and redacts the evidence, recognises symptoms, finds the onset and
 * judges each revision. Whatever could not be read is listed in {@code missingSources}, whatever
 * the bounds left out in {@code gathering.skipped}; the result is never invented and never
 * withheld.
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
      WorkloadRef target = AlertedWorkload.of(admitted.labels()).orElseGet(() -> unnamed(admitted));
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
    long started = System.nanoTime();
    Instant now = clock.instant();
    SourceCalls calls = new SourceCalls(executor, limits.sourceTimeout(), limits.totalTimeout());
    QueryBudget budget = new QueryBudget(limits.related().maxMetricQueries());
    Optional<CountedCluster> counted = cluster.map(CountedCluster::new);
    List<String> skipped = new ArrayList<>();
    Optional<WorkloadRef> named = AlertedWorkload.of(admitted.labels());
    WorkloadRef target = named.orElseGet(() -> unnamed(admitted));
    Future<MetricsReport> report =
        calls.start(
            () ->
                named.isPresent()
                    ? metrics.gather(
                        target.namespace(),
                        target.name(),
                        prometheus.defaultErrorCodes(),
                        now,
                        budget)
                    : MetricsReport.unavailable(prometheus));
    Future<NamespaceMetrics.Raw> namespace =
        calls.start(
            () ->
                named.isPresent()
                    ? metrics.readNamespace(target.namespace(), now, budget)
                    : new NamespaceMetrics.Raw(Map.of(), List.of(), prometheus));
    ClusterReads reads = readCluster(named, counted, calls, skipped);
    Function<String, ErrorCodes> codesOf = codes(reads, skipped);
    MetricsReport metricsReport =
        metrics.withCodes(awaitMetrics(named, calls, report), codesOf.apply(target.name()));
    NamespaceMetrics namespaceMetrics =
        calls
            .await("prometheus.namespace", namespace)
            .map(raw -> raw.resolve(codesOf))
            .orElse(NamespaceMetrics.NONE);
    namespaceMetrics.failures().forEach(f -> calls.skipped("prometheus.namespace", f));
    RelatedPlan.Plan plan =
        RelatedPlan.of(target, reads, namespaceMetrics, limits, prometheus, now);
    // The health windows' queries and the related workloads' log tails are in flight together.
    Map<WorkloadRef, Map<Long, CompletableFuture<Optional<WindowPeak>>>> sentWindows =
        windowPeaks(target, plan, metricsReport, namespaceMetrics, budget, now);
    if (counted.isPresent()) {
      reads = withRelatedLogs(reads, plan, counted.get(), calls, skipped);
    }
    Map<WorkloadRef, Map<Long, WindowPeak>> windows = awaitWindows(sentWindows, calls);
    skipped.addAll(budget.refused());
    SignalsAssembler.Cost cost =
        new SignalsAssembler.Cost(
            counted.map(CountedCluster::calls).orElse(0), budget.used(), started, skipped);
    return assembler.assemble(
        admitted,
        target,
        reads,
        metricsReport,
        namespaceMetrics,
        plan,
        windows,
        calls.missing(),
        cost,
        now);
  }

  private ClusterReads readCluster(
      Optional<WorkloadRef> target,
      Optional<CountedCluster> counted,
      SourceCalls calls,
      List<String> skipped) {
    if (target.isEmpty()) {
      calls.skipped(
          "kubernetes",
          "the alert names no namespace and workload"
              + " (labels namespace plus deployment, statefulset, pod, workload, app, service or job)");
      return ClusterReads.empty();
    }
    if (counted.isEmpty()) {
      calls.skipped(
          "kubernetes", "cluster access is disabled (backstop.triage.kubernetes.enabled)");
      return ClusterReads.empty();
    }
    AtomicInteger apiCalls = new AtomicInteger();
    ClusterReads reads =
        new ClusterReader(counted.get(), limits, apiCalls, skipped).read(target.get(), calls);
    return reads;
  }

  /** Each related workload's log tails, within the API-call bound. */
  private ClusterReads withRelatedLogs(
      ClusterReads reads,
      RelatedPlan.Plan plan,
      CountedCluster counted,
      SourceCalls calls,
      List<String> skipped) {
    AtomicInteger used = new AtomicInteger(counted.calls());
    ClusterReader reader = new ClusterReader(counted, limits, used, skipped);
    List<Supplier<List<LogExcerpt>>> started = new ArrayList<>();
    for (WorkloadRef ref : plan.related()) {
      if (ref.namespace().equals(plan.index().namespace())) {
        started.add(reader.startRelatedLogs(ref, plan.index().podsOf(ref), calls));
      }
    }
    List<LogExcerpt> more = new ArrayList<>();
    started.forEach(logs -> more.addAll(logs.get()));
    return reads.withLogs(more);
  }

  /**
   * The error codes of each workload: its {@code backstop.io/error-codes} annotation, else the
   * setting. An annotation that cannot be read is named, and the setting is used.
   */
  private Function<String, ErrorCodes> codes(ClusterReads reads, List<String> skipped) {
    Map<String, ErrorCodes> byName = new LinkedHashMap<>();
    for (Deployment d : reads.deployments()) {
      Map<String, String> annotations = d.getMetadata().getAnnotations();
      String text = annotations == null ? null : annotations.get(ErrorCodes.ANNOTATION);
      if (text == null) {
        continue;
      }
      Optional<ErrorCodes> parsed = ErrorCodes.parse(text);
      if (parsed.isPresent()) {
        byName.put(d.getMetadata().getName(), parsed.get());
      } else {
        skipped.add(
            "annotation "
                + ErrorCodes.ANNOTATION
                + " of "
                + d.getMetadata().getName()
                + " is not 'auto' or a list such as '5xx, 409'; the setting was used");
      }
    }
    ErrorCodes fallback = prometheus.defaultErrorCodes();
    return name -> byName.getOrDefault(name, fallback);
  }

  /**
   * For each Deployment with evidence, the error signal's peak over the health window before each
   * of its two newest earlier revisions was replaced, where the range read does not cover it:
   * windowed queries within the metric-query bound, every one sent now, none awaited here.
   */
  private Map<WorkloadRef, Map<Long, CompletableFuture<Optional<WindowPeak>>>> windowPeaks(
      WorkloadRef target,
      RelatedPlan.Plan plan,
      MetricsReport report,
      NamespaceMetrics namespace,
      QueryBudget budget,
      Instant now) {
    Map<WorkloadRef, Map<Long, CompletableFuture<Optional<WindowPeak>>>> out =
        new LinkedHashMap<>();
    if (!metrics.configured()) {
      return out;
    }
    Duration window = limits.health().window();
    List<WorkloadRef> withEvidence = new ArrayList<>();
    withEvidence.add(target);
    plan.related().stream()
        .filter(r -> r.kind() == WorkloadKind.DEPLOYMENT)
        .forEach(withEvidence::add);
    for (WorkloadRef ref : withEvidence) {
      List<ReadRevision> history = plan.revisions().getOrDefault(ref, List.of());
      Optional<ErrorSignal> signal =
          ref.equals(target)
              ? report.errorSignal()
              : namespace.of(ref.name()).flatMap(NamespaceMetrics.WorkloadMetrics::errorSignal);
      List<String> codes =
          signal.map(ErrorSignal::codes).filter(c -> !c.isEmpty()).orElse(List.of("5xx"));
      double baseline = signal.map(ErrorSignal::baseline).orElse(0.0);
      Instant rangeStart = now.minus(prometheus.range());
      Map<Long, CompletableFuture<Optional<WindowPeak>>> peaks = new LinkedHashMap<>();
      int asked = 0;
      for (int i = history.size() - 2; i >= 0 && asked < 2; i--) {
        Instant start = history.get(i).revision().deployedAt();
        Instant end = history.get(i + 1).revision().deployedAt();
        if (Duration.between(start, end).compareTo(window) < 0
            || !end.minus(window).isBefore(rangeStart)) {
          continue;
        }
        asked++;
        peaks.put(
            history.get(i).revision().revision(),
            metrics
                .windowPeakAsync(ref.namespace(), ref.name(), codes, window, end, budget)
                .thenApply(
                    found ->
                        found.map(
                            p -> new WindowPeak(Math.max(0, p.peak() - baseline), p.coverage()))));
      }
      out.put(ref, peaks);
    }
    return out;
  }

  /**
   * The health windows' peaks, each awaited within the gathering's deadline: a window Prometheus
   * did not answer in time is named in {@code missingSources} and judged without.
   */
  private static Map<WorkloadRef, Map<Long, WindowPeak>> awaitWindows(
      Map<WorkloadRef, Map<Long, CompletableFuture<Optional<WindowPeak>>>> sent,
      SourceCalls calls) {
    Map<WorkloadRef, Map<Long, WindowPeak>> out = new LinkedHashMap<>();
    sent.forEach(
        (ref, byRevision) -> {
          Map<Long, WindowPeak> peaks = new LinkedHashMap<>();
          byRevision.forEach(
              (revision, peak) ->
                  calls
                      .await("prometheus.window/" + ref.name() + "@" + revision, peak)
                      .flatMap(found -> found)
                      .ifPresent(p -> peaks.put(revision, p)));
          out.put(ref, peaks);
        });
    return out;
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
