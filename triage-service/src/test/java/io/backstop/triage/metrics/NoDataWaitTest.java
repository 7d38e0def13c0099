package io.backstop.triage.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backstop.events.fixtures.Fixtures;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An alert can arrive before the scrape that shows it: when Prometheus answers every query with no
 * data, triage reads again for up to {@code no-data-wait}, and otherwise reports no data, never a
 * value.
 */
class NoDataWaitTest {

  static PrometheusSettings waiting(URI url, Duration wait) {
    return new PrometheusSettings(
        url,
        Duration.ofSeconds(3),
        Duration.ofHours(1),
        Duration.ofSeconds(30),
        null,
        0.05,
        1.0,
        0.9,
        1.5,
        0.9,
        wait,
        "auto",
        0.01,
        null,
        null,
        null,
        null);
  }

  @Test
  void readsAgainUntilTheFirstScrapeShowsTheWorkload() throws Exception {
    var later = Executors.newSingleThreadScheduledExecutor();
    try (var prometheus = new StubPrometheus()) {
      later.schedule(
          () -> prometheus.value("http_requests_total", 0.45), 300, TimeUnit.MILLISECONDS);

      MetricsReport report =
          new MetricsGatherer(waiting(prometheus.url(), Duration.ofSeconds(2)), Fixtures.CLOCK)
              .gather("shop", "checkout", Fixtures.NOW);

      assertThat(report.reading(PrometheusSettings.ERROR_RATIO).orElseThrow().latest())
          .isEqualTo(0.45);
    } finally {
      later.shutdownNow();
    }
  }

  @Test
  void reportsNoDataAfterTheWaitWithoutInventingAValue() throws Exception {
    try (var prometheus = new StubPrometheus()) {
      int queries = PrometheusSettings.defaultQueries().size();

      MetricsReport report =
          new MetricsGatherer(waiting(prometheus.url(), Duration.ofMillis(1500)), Fixtures.CLOCK)
              .gather("shop", "checkout", Fixtures.NOW);

      assertThat(report.readings()).noneMatch(MetricReading::hasValue);
      assertThat(prometheus.requests.size()).isGreaterThan(queries + 3);
    }
  }

  @Test
  void doesNotWaitWhenAQueryFailed() throws Exception {
    try (var prometheus = new StubPrometheus()) {
      prometheus.failWith(503);

      MetricsReport report =
          new MetricsGatherer(waiting(prometheus.url(), Duration.ofSeconds(3)), Fixtures.CLOCK)
              .gather("shop", "checkout", Fixtures.NOW);

      assertThat(report.readings()).allMatch(MetricReading::failed);
      // One round and no more: every query once, its instant and range reads sent side by side,
      // none of them asked a second time.
      assertThat(prometheus.requests.stream().map(r -> r.get("query")).distinct())
          .hasSize(PrometheusSettings.defaultQueries().size());
      assertThat(
              prometheus.requests.stream().map(r -> r.get("query") + " " + r.containsKey("step")))
          .doesNotHaveDuplicates();
    }
  }

  @Test
  void refusesAWaitLongerThanTheQueryTimeoutNamingIt() {
    assertThatThrownBy(() -> waiting(null, Duration.ofSeconds(10)))
        .hasMessage(
            "backstop.triage.prometheus.no-data-wait must be between 0s and the timeout PT3S,"
                + " but was PT10S");
  }
}
