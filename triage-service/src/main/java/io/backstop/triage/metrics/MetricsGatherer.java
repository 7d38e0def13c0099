package io.backstop.triage.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Runs the named queries for one workload. The error ratio and memory are read as ranges too (the
 * onset and growth need them). A query that fails is a reading with its error, never a guess; with
 * no Prometheus configured the report is "unavailable".
 */
public final class MetricsGatherer {

  private static final Set<String> RANGED =
      Set.of(
          PrometheusSettings.ERROR_RATIO,
          PrometheusSettings.MEMORY,
          PrometheusSettings.MEMORY_RATIO);

  private static final Pattern K8S_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

  private final PrometheusSettings settings;
  private final PrometheusClient client;

  public MetricsGatherer(PrometheusSettings settings) {
    this.settings = settings;
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
    List<MetricReading> readings = new ArrayList<>();
    for (Map.Entry<String, String> q : settings.queries().entrySet()) {
      readings.add(read(q.getKey(), q.getValue(), namespace, workload, now));
    }
    Instant onset =
        readings.stream()
            .filter(r -> r.name().equals(PrometheusSettings.ERROR_RATIO))
            .findFirst()
            .flatMap(r -> Onset.of(r.range(), settings.errorRatioThreshold()))
            .orElse(null);
    return new MetricsReport(true, readings, onset, settings);
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
