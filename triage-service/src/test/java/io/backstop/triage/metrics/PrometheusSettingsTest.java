package io.backstop.triage.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The default queries follow the conventions of the alert rules and of the series a cluster serves
 * (kube-state-metrics, cAdvisor relabelled with the deployment): workloads are selected by the
 * {@code deployment} label, never by a scrape job, and every ratio divides by a series that exists.
 */
class PrometheusSettingsTest {

  static final Map<String, String> BOUND =
      Map.copyOf(
          PrometheusSettings.defaultQueries().entrySet().stream()
              .collect(
                  java.util.stream.Collectors.toMap(
                      Map.Entry::getKey,
                      e -> MetricsGatherer.bind(e.getValue(), "shop", "search"))));

  @Test
  void selectsTheWorkloadByItsDeploymentLabelNeverByScrapeJob() {
    assertThat(BOUND.values())
        .allSatisfy(
            q ->
                assertThat(q)
                    .contains("namespace=\"shop\",deployment=\"search\"")
                    .doesNotContain("job=")
                    .doesNotContain("pod=~"));
  }

  @Test
  void readsCpuAsUsageOverTheCpuLimitSeries() {
    assertThat(BOUND.get(PrometheusSettings.CPU))
        .contains("container_cpu_usage_seconds_total{")
        .contains("/ sum(kube_pod_container_resource_limits{")
        .contains("resource=\"cpu\"");
  }

  @Test
  void readsMemoryAsTheWorkingSetOverTheMemoryLimitPerContainer() {
    assertThat(BOUND.get(PrometheusSettings.MEMORY_RATIO))
        .startsWith("max(container_memory_working_set_bytes{")
        .contains("/ on (namespace, pod, container) (container_spec_memory_limit_bytes{");
  }

  @Test
  void countsNoFiveHundredsAsAZeroErrorRatioNotAsNoData() {
    assertThat(BOUND.get(PrometheusSettings.ERROR_RATIO))
        .contains("code=~\"5..\"")
        .contains("or vector(0))");
  }

  @Test
  void readsTheMemoryRatioAsARangeForItsPeak() throws Exception {
    try (var prometheus = new StubPrometheus()) {
      prometheus
          .value("container_spec_memory_limit_bytes", 0.5)
          .range(
              "container_spec_memory_limit_bytes",
              StubPrometheus.every30s(Instant.parse("2026-11-24T09:58:00Z"), 0.4, 0.95, 0.5));

      MetricsReport report =
          new MetricsGatherer(PrometheusSettings.at(prometheus.url()))
              .gather("shop", "search", Instant.parse("2026-11-24T10:00:00Z"));

      MetricReading ratio = report.reading(PrometheusSettings.MEMORY_RATIO).orElseThrow();
      assertThat(ratio.latest()).isEqualTo(0.5);
      assertThat(ratio.range()).extracting(Sample::value).containsExactly(0.4, 0.95, 0.5);
    }
  }
}
