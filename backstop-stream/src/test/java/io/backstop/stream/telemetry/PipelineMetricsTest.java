package io.backstop.stream.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.fixtures.Decisions;
import io.backstop.events.fixtures.Diagnoses;
import io.backstop.events.fixtures.Signals;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PipelineMetricsTest {

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final PipelineMetrics metrics = new PipelineMetrics(registry);

  @Test
  void countsAnIncidentPerSignalsGatheredByNamespace() {
    metrics.emitted(Signals.badDeploy());

    assertThat(registry.get(PipelineMetrics.INCIDENTS).tag("namespace", "shop").counter().count())
        .isEqualTo(1.0);
    assertThat(
            registry.get(PipelineMetrics.EVENTS).tag("type", "SignalsGathered").counter().count())
        .isEqualTo(1.0);
  }

  @Test
  void recordsEachModelCallWithLatencyTokensAndCostByModel() {
    metrics.emitted(Diagnoses.honestRollback());

    var model = registry.get(PipelineMetrics.MODEL_TOKENS).tag("model", "claude-model");
    assertThat(model.tag("type", "input").counter().count()).isEqualTo(2310.0);
    assertThat(
            registry
                .get(PipelineMetrics.MODEL_TOKENS)
                .tags("model", "claude-model", "type", "output")
                .counter()
                .count())
        .isEqualTo(412.0);
    assertThat(registry.get(PipelineMetrics.MODEL_LATENCY).timer().totalTime(TimeUnit.MILLISECONDS))
        .isEqualTo(1840.0);
    assertThat(registry.get(PipelineMetrics.MODEL_COST).counter().count()).isEqualTo(0.01311);
    assertThat(
            registry
                .get(PipelineMetrics.MODEL_CALLS)
                .tags("target", "claude", "tier", "PRIMARY", "outcome", "OK")
                .counter()
                .count())
        .isEqualTo(1.0);
  }

  @Test
  void countsVerdictsByPolicyAndOutcomeOnRejectionsApprovalsAndEscalations() {
    metrics.emitted(Decisions.actionBlocked());
    metrics.emitted(Decisions.rollbackApproved());

    assertThat(
            registry
                .get(PipelineMetrics.VERDICTS)
                .tags("policy", "sha-in-rollout-history", "outcome", "DENY")
                .counter()
                .count())
        .isEqualTo(1.0);
    assertThat(registry.get(PipelineMetrics.VERDICTS).tag("outcome", "ALLOW").counters())
        .isNotEmpty();
    assertThat(
            registry
                .get(PipelineMetrics.ESCALATIONS)
                .tag("reason", "QUALITY_GATE_EXHAUSTED")
                .counter()
                .count())
        .isEqualTo(1.0);
    assertThat(
            registry
                .get(PipelineMetrics.APPROVALS)
                .tags("action", "ROLLBACK", "namespace", "shop")
                .counter()
                .count())
        .isEqualTo(1.0);
  }

  @Test
  void countsTheExecutorsWritesByStatus() {
    metrics.emitted(Decisions.rollbackVerified());

    assertThat(
            registry
                .get(PipelineMetrics.WRITES)
                .tags("action", "ROLLBACK", "namespace", "shop", "status", "VERIFIED")
                .counter()
                .count())
        .isEqualTo(1.0);
  }

  @Test
  void scrapesInPrometheusTextFormatUnderTheDocumentedNames() {
    metrics.emitted(Diagnoses.honestRollback());
    metrics.emitted(Decisions.rollbackVerified());

    assertThat(registry.scrape())
        .contains("backstop_model_calls_total{")
        .contains("backstop_model_tokens_total{")
        .contains("backstop_model_cost_usd_total{")
        .contains("backstop_model_latency_seconds_bucket{")
        .contains("backstop_writes_total{");
  }
}
