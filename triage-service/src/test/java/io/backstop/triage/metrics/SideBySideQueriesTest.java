package io.backstop.triage.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.fixtures.Fixtures;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The queries of one gathering phase are sent side by side, not one after another: a Prometheus
 * that holds every request until all of a phase's requests are in flight together sees them all at
 * once (sent one at a time, it would see one, each held until its bound ran out). Whatever order
 * the answers come in, the readings keep the settings' order.
 */
class SideBySideQueriesTest {

  private static final Duration HOLD = Duration.ofSeconds(2);

  @Test
  void sendsEveryReadOfAWorkloadsQueriesAtOnce() throws Exception {
    try (var prometheus = new StubPrometheus()) {
      prometheus.value("http_requests_total", 0.3);
      MetricsGatherer gatherer =
          new MetricsGatherer(PrometheusSettings.at(prometheus.url()), Fixtures.CLOCK);
      MetricsReport first = gatherer.gather("shop", "checkout", Fixtures.NOW);
      int oneRound = prometheus.requests().size();

      prometheus.gather(oneRound, HOLD);
      MetricsReport second = gatherer.gather("shop", "checkout", Fixtures.NOW);

      assertThat(oneRound).isGreaterThan(PrometheusSettings.defaultQueries().size());
      assertThat(prometheus.maxInFlight()).isEqualTo(oneRound);
      assertThat(prometheus.requests()).hasSize(2 * oneRound);
      assertThat(second.readings()).isEqualTo(first.readings());
    }
  }

  @Test
  void keepsTheSettingsOrderWhenTheFirstQueryAnswersLast() throws Exception {
    try (var prometheus = new StubPrometheus()) {
      PrometheusSettings settings = PrometheusSettings.at(prometheus.url());
      String firstName = settings.queries().keySet().iterator().next();
      String firstQuery =
          MetricsGatherer.bind(settings.queries().get(firstName), "shop", "checkout");
      prometheus.value("http_requests_total", 0.3).delay(firstQuery, Duration.ofMillis(400));

      MetricsReport report =
          new MetricsGatherer(settings, Fixtures.CLOCK).gather("shop", "checkout", Fixtures.NOW);

      assertThat(report.readings())
          .extracting(MetricReading::name)
          .containsExactlyElementsOf(settings.queries().keySet());
      assertThat(report.readings()).noneMatch(MetricReading::failed);
    }
  }

  @Test
  void sendsTheNamespaceQueriesAtOnce() throws Exception {
    try (var prometheus = new StubPrometheus()) {
      PrometheusSettings settings = PrometheusSettings.at(prometheus.url());
      int queries = settings.namespaceQueries().size();
      prometheus.gather(queries, HOLD);

      NamespaceMetrics.Raw raw =
          new MetricsGatherer(settings, Fixtures.CLOCK)
              .readNamespace("shop", Fixtures.NOW, QueryBudget.unbounded());

      assertThat(queries).isGreaterThan(1);
      assertThat(prometheus.maxInFlight()).isEqualTo(queries);
      assertThat(raw.failures()).isEmpty();
    }
  }

  @Test
  void namesEachFailedQueryOfARoundWithItsCause() throws Exception {
    try (var prometheus = new StubPrometheus()) {
      prometheus.failWith(503);

      MetricsReport report =
          new MetricsGatherer(
                  NoDataWaitTest.waiting(prometheus.url(), Duration.ZERO), Fixtures.CLOCK)
              .gather("shop", "checkout", Fixtures.NOW);

      assertThat(report.readings())
          .allSatisfy(
              r ->
                  assertThat(r.error())
                      .startsWith("prometheus query failed (HTTP 503): ")
                      .endsWith(r.query()));
      assertThat(report.readings()).extracting(MetricReading::query).doesNotHaveDuplicates();
      assertThat(report.readings()).hasSize(PrometheusSettings.defaultQueries().size());
    }
  }
}
