package io.backstop.triage.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backstop.events.fixtures.Fixtures;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PrometheusClientTest {

  final StubPrometheus prometheus = new StubPrometheus();

  PrometheusClientTest() throws IOException {}

  @AfterEach
  void stop() {
    prometheus.close();
  }

  @Test
  void readsAnInstantVector() {
    prometheus.value("up", 1.0);
    PrometheusClient client = new PrometheusClient(prometheus.url(), Duration.ofSeconds(2));

    List<Series> result = client.query("up{job=\"checkout\"}", Fixtures.NOW);

    assertThat(result).singleElement().extracting(Series::last).isEqualTo(1.0);
    assertThat(prometheus.requests.get(0))
        .containsEntry("query", "up{job=\"checkout\"}")
        .containsEntry("time", Long.toString(Fixtures.NOW.getEpochSecond()));
  }

  @Test
  void readsARangeMatrixWithItsTimes() {
    prometheus.range("errors", StubPrometheus.every30s(Fixtures.minutesAgo(2), 0.01, 0.2, 0.4));
    PrometheusClient client = new PrometheusClient(prometheus.url(), Duration.ofSeconds(2));

    List<Series> result =
        client.queryRange("errors", Fixtures.minutesAgo(60), Fixtures.NOW, Duration.ofSeconds(30));

    assertThat(result.get(0).samples())
        .extracting(Sample::at)
        .containsExactly(
            Fixtures.minutesAgo(2), Fixtures.minutesAgo(2).plusSeconds(30), Fixtures.minutesAgo(1));
    assertThat(prometheus.requests.get(0)).containsEntry("step", "30s");
  }

  @Test
  void namesTheFailureWhenPrometheusAnswersWithAnError() {
    prometheus.failWith(422);
    PrometheusClient client = new PrometheusClient(prometheus.url(), Duration.ofSeconds(2));

    assertThatThrownBy(() -> client.query("rate(x[5m])", Fixtures.NOW))
        .isInstanceOf(PrometheusException.class)
        .hasMessageContaining("HTTP 422");
  }

  @Test
  void namesTheFailureWhenPrometheusCannotBeReached() {
    PrometheusClient client =
        new PrometheusClient(URI.create("http://127.0.0.1:1/"), Duration.ofMillis(500));

    assertThatThrownBy(() -> client.query("up", Fixtures.NOW))
        .isInstanceOf(PrometheusException.class)
        .hasMessageContaining("ConnectException");
  }

  @Test
  void reportsMetricsUnavailableWithoutAskingAnyoneWhenNoPrometheusIsConfigured() {
    MetricsReport report =
        new MetricsGatherer(PrometheusSettings.unconfigured())
            .gather("shop", "checkout", Fixtures.NOW);

    assertThat(report.available()).isFalse();
    assertThat(report.readings()).isEmpty();
    assertThat(report.anomalyOnset()).isEmpty();
  }

  @Test
  void findsTheOnsetWhereTheErrorRatioLastCrossedItsThreshold() {
    prometheus
        .value("http_requests_total", 0.42)
        .range(
            "http_requests_total",
            StubPrometheus.every30s(
                Fixtures.minutesAgo(12), 0.01, 0.09, 0.02, 0.01, 0.2, 0.3, 0.42));

    MetricsReport report =
        new MetricsGatherer(PrometheusSettings.at(prometheus.url()))
            .gather("shop", "checkout", Fixtures.NOW);

    assertThat(report.reading(PrometheusSettings.ERROR_RATIO).orElseThrow().latest())
        .isEqualTo(0.42);
    assertThat(report.anomalyOnset()).contains(Fixtures.minutesAgo(12).plusSeconds(120));
    assertThat(prometheus.requests)
        .anyMatch(f -> f.get("query").contains("namespace=\"shop\",deployment=\"checkout\""));
  }

  @Test
  void refusesToPutAnythingButAKubernetesNameIntoPromql() {
    MetricsReport report =
        new MetricsGatherer(PrometheusSettings.at(prometheus.url()))
            .gather("shop", "x\"}) or vector(1", Fixtures.NOW);

    assertThat(report.readings()).allMatch(MetricReading::failed);
    assertThat(prometheus.requests).isEmpty();
  }
}
