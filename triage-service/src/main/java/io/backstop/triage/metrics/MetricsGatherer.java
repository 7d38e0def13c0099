package io.backstop.triage.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Runs the named queries for one workload, the namespace-wide queries that show which other
 * workloads are anomalous, and the windowed queries that judge an earlier revision's health. The
 * error ratio and memory are read as ranges too (the onset and growth need them); the request rate
 * by code and each pod's memory only as ranges (the last sample is now; a pod's memory at the
 * memory trend step). A query that fails is a reading with its error, never a guess; with no
 * Prometheus configured the report is "unavailable". When every query answers with no data, they
 * are read again at the clock's time, once a second, for up to {@code no-data-wait}. Every call is
 * counted in the {@link QueryBudget}.
 *
 * <p>The queries of one call are sent side by side through the client's asynchronous requests (a
 * workload's instant and range reads, the namespace's queries, a window's two), so a gathering
 * waits about one Prometheus round trip per phase, not one per query, and holds no thread while
 * Prometheus answers. Each request stays bounded by the client's timeout; the readings keep the
 * settings' order whatever order the answers arrive in.
 */
public final class MetricsGatherer {

  private static final Set<String> RANGED =
      Set.of(
          PrometheusSettings.ERROR_RATIO,
          PrometheusSettings.MEMORY,
          PrometheusSettings.MEMORY_RATIO);
  private static final Set<String> RANGE_ONLY =
      Set.of(PrometheusSettings.REQUESTS_BY_CODE, PrometheusSettings.MEMORY_BY_POD);

  private static final Pattern K8S_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

  private static final Duration POLL = Duration.ofSeconds(1);

  private final PrometheusSettings settings;
  private final PrometheusClient client;
  private final Clock clock;

  public MetricsGatherer(PrometheusSettings settings) {
    this(settings, Clock.systemUTC());
  }

  public MetricsGatherer(PrometheusSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.client =
        settings.configured() ? new PrometheusClient(settings.url(), settings.timeout()) : null;
  }

  public boolean configured() {
    return client != null;
  }

  public PrometheusSettings settings() {
    return settings;
  }

  public MetricsReport gather(String namespace, String workload, Instant now) {
    return gather(namespace, workload, settings.defaultErrorCodes(), now, QueryBudget.unbounded());
  }

  public MetricsReport gather(
      String namespace, String workload, ErrorCodes codes, Instant now, QueryBudget budget) {
    if (client == null) {
      return MetricsReport.unavailable(settings);
    }
    List<MetricReading> readings = readAll(namespace, workload, now, budget);
    long deadline = System.nanoTime() + settings.noDataWait().toNanos();
    while (nothingScraped(readings) && System.nanoTime() < deadline) {
      if (!pause(Math.min(POLL.toNanos(), deadline - System.nanoTime()))) {
        break;
      }
      readings = readAll(namespace, workload, clock.instant(), budget);
    }
    ErrorSignal errors = errorSignal(readings, codes).orElse(null);
    return new MetricsReport(
        true, readings, errors == null ? null : errors.onset(), settings, errors);
  }

  /** The same report with its error signal computed for other error codes (no query is made). */
  public MetricsReport withCodes(MetricsReport report, ErrorCodes codes) {
    if (!report.available()) {
      return report;
    }
    ErrorSignal errors = errorSignal(report.readings(), codes).orElse(null);
    return new MetricsReport(
        true, report.readings(), errors == null ? null : errors.onset(), settings, errors);
  }

  /**
   * The error signal: from the request rate by code when that query answered with series, else from
   * the {@code error_ratio} query's range and latest value.
   */
  Optional<ErrorSignal> errorSignal(List<MetricReading> readings, ErrorCodes codes) {
    Optional<MetricReading> byCode =
        readings.stream()
            .filter(r -> r.name().equals(PrometheusSettings.REQUESTS_BY_CODE) && !r.failed())
            .findFirst();
    if (byCode.isPresent() && !byCode.get().series().isEmpty()) {
      Map<String, List<Sample>> codesSeries = new LinkedHashMap<>();
      for (Series s : byCode.get().series()) {
        String code = s.labels().getOrDefault("code", "");
        if (!code.isEmpty()) {
          codesSeries.put(code, s.samples());
        }
      }
      Optional<ErrorSignal> signal =
          ErrorSignal.of(codesSeries, codes, settings.errorRatioThreshold(), settings.nearZero());
      if (signal.isPresent()) {
        return signal;
      }
    }
    return readings.stream()
        .filter(r -> r.name().equals(PrometheusSettings.ERROR_RATIO) && !r.failed())
        .filter(r -> r.hasValue() || !r.range().isEmpty())
        .findFirst()
        .map(
            r -> {
              List<Sample> ratio = new ArrayList<>(r.range());
              if (r.hasValue()
                  && (ratio.isEmpty()
                      || ratio.get(ratio.size() - 1).at().isBefore(clock.instant()))) {
                ratio.add(new Sample(clock.instant(), r.latest()));
              }
              return ErrorSignal.fromRatio(
                  ratio, List.of("error_ratio query"), settings.errorRatioThreshold());
            });
  }

  /**
   * The namespace-wide queries, each grouped by deployment, as ranges: one call each, whatever the
   * namespace's size. Empty when the bound refuses them or Prometheus is not configured.
   */
  public NamespaceMetrics gatherNamespace(
      String namespace, Function<String, ErrorCodes> codesOf, Instant now, QueryBudget budget) {
    return readNamespace(namespace, now, budget).resolve(codesOf);
  }

  /** The namespace-wide series, before each workload's error codes are known. */
  public NamespaceMetrics.Raw readNamespace(String namespace, Instant now, QueryBudget budget) {
    if (client == null) {
      return new NamespaceMetrics.Raw(Map.of(), List.of(), settings);
    }
    Map<String, CompletableFuture<List<Series>>> sent = new LinkedHashMap<>();
    Map<String, String> texts = new LinkedHashMap<>();
    List<String> failures = new ArrayList<>();
    for (Map.Entry<String, String> q : settings.namespaceQueries().entrySet()) {
      if (!budget.tryTake(1, "prometheus namespace query " + q.getKey())) {
        continue;
      }
      try {
        String query = bind(q.getValue(), namespace, "x");
        Duration step =
            PrometheusSettings.MEMORY_BY_POD.equals(q.getKey())
                ? settings.memoryTrendStep()
                : settings.step();
        texts.put(q.getKey(), query);
        sent.put(q.getKey(), client.queryRangeAsync(query, now.minus(settings.range()), now, step));
      } catch (PrometheusException e) {
        failures.add("prometheus namespace query " + q.getKey() + ": " + e.getMessage());
      }
    }
    Map<String, List<Series>> results = new LinkedHashMap<>();
    awaitAll(sent.values());
    sent.forEach(
        (name, answer) -> {
          try {
            results.put(name, answer.join());
          } catch (RuntimeException e) {
            failures.add(
                "prometheus namespace query "
                    + name
                    + ": "
                    + PrometheusClient.failure(texts.get(name), e).getMessage());
          }
        });
    return new NamespaceMetrics.Raw(results, failures, settings);
  }

  /**
   * The error signal's peak over {@code window} before {@code end}, for the given codes, and the
   * share of the window's minutes that had request data: two calls, made only if the bound allows,
   * sent side by side with no thread held while they are answered (the caller starts every window
   * of a gathering at once and awaits them within its deadline). Empty, never failed, when the
   * bound refuses them or a query fails.
   */
  public CompletableFuture<Optional<WindowPeak>> windowPeakAsync(
      String namespace,
      String workload,
      List<String> codes,
      Duration window,
      Instant end,
      QueryBudget budget) {
    if (client == null
        || codes.isEmpty()
        || !budget.tryTake(2, "health window of " + namespace + "/" + workload + " at " + end)) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    String range = window.toMinutes() + "m";
    String peakQuery;
    String coverageQuery;
    try {
      peakQuery =
          bind(settings.windowPeakQuery(), namespace, workload)
              .replace("{codes}", ErrorCodes.regex(codes))
              .replace("{window}", range);
      coverageQuery =
          bind(settings.windowCoverageQuery(), namespace, workload).replace("{window}", range);
    } catch (PrometheusException e) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    return client
        .queryAsync(peakQuery, end)
        .thenCombine(
            client.queryAsync(coverageQuery, end),
            (peaks, covered) -> {
              double peak = latest(peaks);
              double minutes = latest(covered);
              if (Double.isNaN(peak) || Double.isNaN(minutes)) {
                return Optional.<WindowPeak>empty();
              }
              return Optional.of(new WindowPeak(peak, Math.min(1.0, minutes / window.toMinutes())));
            })
        .exceptionally(failed -> Optional.empty());
  }

  /** The error signal's peak over a window and the share of its minutes that had data. */
  public record WindowPeak(double peak, double coverage) {}

  /** Every workload query sent side by side; the readings in the settings' order. */
  private List<MetricReading> readAll(
      String namespace, String workload, Instant at, QueryBudget budget) {
    List<CompletableFuture<MetricReading>> sent = new ArrayList<>();
    for (Map.Entry<String, String> q : settings.queries().entrySet()) {
      sent.add(read(q.getKey(), q.getValue(), namespace, workload, at, budget));
    }
    awaitAll(sent);
    List<MetricReading> readings = new ArrayList<>();
    int i = 0;
    for (Map.Entry<String, String> q : settings.queries().entrySet()) {
      CompletableFuture<MetricReading> reading = sent.get(i++);
      readings.add(
          reading.isDone() && !reading.isCompletedExceptionally()
              ? reading.join()
              : new MetricReading(q.getKey(), q.getValue(), null, List.of(), "interrupted"));
    }
    return readings;
  }

  /**
   * Waits for every future, each bounded by the client's own timeout. An interrupt (the gathering
   * ran out of time and was cancelled) stops the wait and cancels what is still outstanding.
   */
  private static void awaitAll(Collection<? extends CompletableFuture<?>> sent) {
    try {
      CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      sent.forEach(f -> f.cancel(true));
    } catch (ExecutionException e) {
      // Each future's own failure is read from it by the caller.
    }
  }

  /** Prometheus answered every query, and with no sample at all: nothing was scraped yet. */
  static boolean nothingScraped(List<MetricReading> readings) {
    return !readings.isEmpty()
        && readings.stream()
            .noneMatch(
                r -> r.failed() || r.hasValue() || !r.range().isEmpty() || !r.series().isEmpty());
  }

  /** Waits, on the monotonic clock (it bounds real waiting); false when interrupted. */
  private static boolean pause(long nanos) {
    try {
      TimeUnit.NANOSECONDS.sleep(Math.max(0, nanos));
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** One workload query, its instant and range reads sent side by side; never fails. */
  private CompletableFuture<MetricReading> read(
      String name,
      String template,
      String namespace,
      String workload,
      Instant now,
      QueryBudget budget) {
    String query;
    try {
      query = bind(template, namespace, workload);
    } catch (PrometheusException e) {
      return CompletableFuture.completedFuture(
          new MetricReading(name, template, null, List.of(), e.getMessage()));
    }
    CompletableFuture<List<Series>> instant = CompletableFuture.completedFuture(List.of());
    if (!RANGE_ONLY.contains(name)) {
      budget.count();
      instant = client.queryAsync(query, now);
    }
    CompletableFuture<List<Series>> ranged = CompletableFuture.completedFuture(List.of());
    if (RANGED.contains(name) || RANGE_ONLY.contains(name)) {
      budget.count();
      Duration step =
          PrometheusSettings.MEMORY_BY_POD.equals(name)
              ? settings.memoryTrendStep()
              : settings.step();
      ranged = client.queryRangeAsync(query, now.minus(settings.range()), now, step);
    }
    return instant
        .thenCombine(
            ranged,
            (values, series) -> {
              Double latest = values.isEmpty() ? null : values.get(0).last();
              List<Sample> range = series.isEmpty() ? List.of() : series.get(0).samples();
              if (latest == null && RANGE_ONLY.contains(name) && !range.isEmpty()) {
                latest = range.get(range.size() - 1).value();
              }
              return new MetricReading(name, query, latest, range, null, series);
            })
        .exceptionally(
            failed ->
                new MetricReading(
                    name,
                    query,
                    null,
                    List.of(),
                    PrometheusClient.failure(query, failed).getMessage()));
  }

  private static Double latest(List<Series> series) {
    return series.isEmpty() ? Double.NaN : series.get(0).last();
  }

  /** Names go into PromQL, so only Kubernetes object names are accepted, never quotes. */
  static String bind(String template, String namespace, String workload) {
    for (String name : List.of(namespace, workload)) {
      if (!K8S_NAME.matcher(name).matches()) {
        throw new PrometheusException(template, "not a Kubernetes name: '" + name + "'", null);
      }
    }
    return template.replace("{namespace}", namespace).replace("{workload}", workload);
  }
}
