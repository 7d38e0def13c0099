package io.backstop.triage.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
    Map<String, List<Series>> results = new LinkedHashMap<>();
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
        results.put(q.getKey(), client.queryRange(query, now.minus(settings.range()), now, step));
      } catch (PrometheusException e) {
        failures.add("prometheus namespace query " + q.getKey() + ": " + e.getMessage());
      }
    }
    return new NamespaceMetrics.Raw(results, failures, settings);
  }

  /**
   * The error signal's peak over {@code window} before {@code end}, for the given codes, and the
   * share of the window's minutes that had request data: two calls, made only if the bound allows.
   */
  public Optional<WindowPeak> windowPeak(
      String namespace,
      String workload,
      List<String> codes,
      Duration window,
      Instant end,
      QueryBudget budget) {
    if (client == null
        || codes.isEmpty()
        || !budget.tryTake(2, "health window of " + namespace + "/" + workload + " at " + end)) {
      return Optional.empty();
    }
    String range = window.toMinutes() + "m";
    try {
      String peakQuery =
          bind(settings.windowPeakQuery(), namespace, workload)
              .replace("{codes}", ErrorCodes.regex(codes))
              .replace("{window}", range);
      String coverageQuery =
          bind(settings.windowCoverageQuery(), namespace, workload).replace("{window}", range);
      double peak = latest(client.query(peakQuery, end));
      double minutes = latest(client.query(coverageQuery, end));
      if (Double.isNaN(peak) || Double.isNaN(minutes)) {
        return Optional.empty();
      }
      return Optional.of(new WindowPeak(peak, Math.min(1.0, minutes / window.toMinutes())));
    } catch (PrometheusException e) {
      return Optional.empty();
    }
  }

  /** The error signal's peak over a window and the share of its minutes that had data. */
  public record WindowPeak(double peak, double coverage) {}

  private List<MetricReading> readAll(
      String namespace, String workload, Instant at, QueryBudget budget) {
    List<MetricReading> readings = new ArrayList<>();
    for (Map.Entry<String, String> q : settings.queries().entrySet()) {
      readings.add(read(q.getKey(), q.getValue(), namespace, workload, at, budget));
    }
    return readings;
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

  private MetricReading read(
      String name,
      String template,
      String namespace,
      String workload,
      Instant now,
      QueryBudget budget) {
    String query = template;
    try {
      query = bind(template, namespace, workload);
      Double latest = null;
      if (!RANGE_ONLY.contains(name)) {
        budget.count();
        List<Series> instant = client.query(query, now);
        latest = instant.isEmpty() ? null : instant.get(0).last();
      }
      List<Series> series = List.of();
      if (RANGED.contains(name) || RANGE_ONLY.contains(name)) {
        budget.count();
        Duration step =
            PrometheusSettings.MEMORY_BY_POD.equals(name)
                ? settings.memoryTrendStep()
                : settings.step();
        series = client.queryRange(query, now.minus(settings.range()), now, step);
      }
      List<Sample> range = series.isEmpty() ? List.of() : series.get(0).samples();
      if (latest == null && RANGE_ONLY.contains(name) && !range.isEmpty()) {
        latest = range.get(range.size() - 1).value();
      }
      return new MetricReading(name, query, latest, range, null, series);
    } catch (PrometheusException e) {
      return new MetricReading(name, query, null, List.of(), e.getMessage());
    }
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
