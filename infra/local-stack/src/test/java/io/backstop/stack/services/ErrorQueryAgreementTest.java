package io.backstop.stack.services;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.signal.ErrorBasis;
import io.backstop.events.signal.WorkloadRef;
import io.backstop.executor.ExecutorProperties;
import io.backstop.executor.prometheus.PrometheusErrorSignal;
import io.backstop.triage.metrics.PrometheusSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Triage records the query and threshold it judged a workload's errors by; the executor runs only
 * its own query and refuses a recorded basis that differs from it or is looser than it allows. Both
 * services at their defaults must therefore agree, or every verification by a recorded basis would
 * fail closed. The two services meet only here, where both are on the class path.
 */
class ErrorQueryAgreementTest {

  @Test
  void theExecutorAtItsDefaultsMeasuresTheBasisTriageRecordsAtItsDefaults() {
    WorkloadRef checkout = WorkloadRef.deployment("shop", "checkout");
    PrometheusSettings triage = PrometheusSettings.unconfigured();
    String recorded =
        triage
            .queries()
            .get(PrometheusSettings.REQUESTS_BY_CODE)
            .replace("{namespace}", checkout.namespace())
            .replace("{workload}", checkout.name());
    var basis = new ErrorBasis(List.of("500", "503"), 0.0, triage.errorRatioThreshold(), recorded);
    var executor =
        new PrometheusErrorSignal(
            new ExecutorProperties.Prometheus("http://127.0.0.1:1", null, null, null));

    assertThat(executor.refusal(checkout, basis)).isEmpty();
    assertThat(
            executor.refusal(checkout, new ErrorBasis(List.of("500"), 0.0, 0.05, recorded + " ")))
        .as("the comparison is exact")
        .isPresent();
  }
}
