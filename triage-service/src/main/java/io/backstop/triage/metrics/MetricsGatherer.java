package io.backstop.triage.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs the named queries for one workload. The error ratio and memory are read as ranges too (the
 * onset and growth need them). A query that fails is a reading with its error, never a guess; with
 * no Prometheus configured the report is "unavailable". When every query answers with no data, they
 * are read again at the clock's time, once a second, for up to {@code no-data-wait}.
 */
public final class MetricsGatherer {

  private static final Set<String> RANGED =
      Set.of(
          PrometheusSettings.ERROR_RATIO,
          PrometheusSettings.MEMORY,
          PrometheusSettings.MEMORY_RATIO);

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

  public MetricsReport gather(String namespace, String workload, Instant now) {
    if (client == null) {
      return MetricsReport.unavailable(settings);
    }
    List<MetricReading> readings = readAll(namespace, workload, now);
    long deadline = System.nanoTime() + settings.noDataWait().toNanos();
    while (nothingScraped(readings) && System.nanoTime() < deadline) {
      if (!pause(Math.min(POLL.toNanos(), deadline - System.nanoTime()))) {
        break;
      }
      readings = readAll(namespace, workload, clock.instant());
    }
    Instant onset =
        readings.stream()
            .filter(r -> r.name().equals(PrometheusSettings.ERROR_RATIO))
            .findFirst()
            .flatMap(r -> Onset.of(r.range(), settings.errorRatioThreshold()))
            .orElse(null);
    return new MetricsReport(true, readings, onset, settings);
  }

  private List<MetricReading> readAll(String namespace, String workload, Instant at) {
    List<MetricReading> readings = new ArrayList<>();
    for (Map.Entry<String, String> q : settings.queries().entrySet()) {
      readings.add(read(q.getKey(), q.getValue(), namespace, workload, at));
    }
    return readings;
  }

  /** Prometheus answered every query, and with no sample at all: nothing was scraped yet. */
  static boolean nothingScraped(List<MetricReading> readings) {
    return !readings.isEmpty()
        && readings.stream().noneMatch(r -> r.failed() || r.hasValue() || !r.range().isEmpty());
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
      String name, String template, String namespace, String workload, Instant now) {
    String query = template;
    try {
      query = bind(template, namespace, workload);
      Double latest = latest(client.query(query, now));
      List<Sample> range = List.of();
      if (RANGED.contains(name)) {
        List<Series> series =
            client.queryRange(query, now.minus(settings.range()), now, settings.step());
        range = series.isEmpty() ? List.of() : series.get(0).samples();
      }
      return new MetricReading(name, query, latest, range, null);
    } catch (PrometheusException e) {
      return new MetricReading(name, query, null, List.of(), e.getMessage());
    }
  }

  private static Double latest(List<Series> series) {
    return series.isEmpty() ? null : series.get(0).last();
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
