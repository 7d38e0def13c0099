package io.backstop.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class TriagePropertiesTest {

  static TriageProperties bind(Map<String, String> values) {
    return new Binder(new MapConfigurationPropertySource(values))
        .bindOrCreate("backstop.triage", TriageProperties.class);
  }

  @Test
  void defaultsNeedNoConfigurationAndLeaveMetricsUnconfigured() {
    TriageProperties p = bind(Map.of());

    assertThat(p.intake().maxAlerts()).isEqualTo(1000);
    assertThat(p.grouping().labels()).containsExactly("namespace", "workload");
    assertThat(p.kubernetes().enabled()).isTrue();
    assertThat(p.prometheus().configured()).isFalse();
    assertThat(p.prometheus().queries())
        .containsKeys(
            "error_ratio",
            "latency_p99",
            "restarts",
            "memory",
            "memory_ratio",
            "memory_by_pod",
            "oom_killed",
            "cpu");
    assertThat(p.gathering().sourceTimeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void bindsPrometheusAndCustomQueries() {
    TriageProperties p =
        bind(
            Map.of(
                "backstop.triage.prometheus.url", "http://prometheus:9090/",
                "backstop.triage.prometheus.queries.error_ratio",
                    "job:errors:ratio{job=\"{workload}\"}"));

    assertThat(p.prometheus().configured()).isTrue();
    assertThat(p.prometheus().queries()).containsOnlyKeys("error_ratio");
  }

  @Test
  void refusesAnOutOfRangeValueNamingItAndTheValue() {
    assertThatThrownBy(() -> bind(Map.of("backstop.triage.intake.max-alerts", "0")))
        .rootCause()
        .hasMessage(
            "backstop.triage.intake.max-alerts must be between 1 and 100000," + " but was 0");
  }

  @Test
  void refusesATotalTimeoutShorterThanOneSource() {
    assertThatThrownBy(() -> bind(Map.of("backstop.triage.gathering.total-timeout", "1s")))
        .rootCause()
        .hasMessageContaining("total-timeout must be at least source-timeout");
  }

  @Test
  void neverPrintsTheToken() {
    TriageProperties p = bind(Map.of("backstop.triage.kubernetes.token", "eyJsecret-token"));

    assertThat(p.kubernetes().toString()).doesNotContain("eyJsecret-token").contains("token=***");
  }
}
