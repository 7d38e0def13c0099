package io.backstop.diagnosis.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.DiagnosisProposed;
import io.backstop.events.diagnosis.CallOutcome;
import io.backstop.events.diagnosis.ModelCall;
import io.backstop.events.diagnosis.ModelTier;
import io.backstop.events.fixtures.Diagnoses;
import io.backstop.events.fixtures.Fixtures;
import io.backstop.events.fixtures.Signals;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallMetricsTest {

  @Test
  void countsEveryCallByOutcomeItsCostAndWhoAnswered() {
    var registry = new SimpleMeterRegistry();
    var failed =
        new ModelCall(
            "claude",
            "claude",
            ModelTier.PRIMARY,
            CallOutcome.SERVER_ERROR,
            Fixtures.NOW,
            20,
            0,
            0,
            BigDecimal.ZERO,
            "HTTP 500");
    DiagnosisProposed proposal =
        Diagnoses.proposal(
            Signals.badDeploy(),
            "h",
            "checkout",
            Signals.SHA_REV3,
            0.9,
            List.of("E1"),
            Diagnoses.honestRollback().action(),
            "llama",
            ModelTier.FALLBACK,
            List.of(failed, Diagnoses.okCall("llama", ModelTier.FALLBACK)));

    new CallMetrics(registry).record(proposal);

    assertThat(
            registry
                .get("backstop.diagnosis.calls")
                .tags("target", "claude", "outcome", "SERVER_ERROR")
                .counter()
                .count())
        .isEqualTo(1.0);
    assertThat(registry.get("backstop.diagnosis.cost").tags("target", "llama").counter().count())
        .isEqualTo(0.01311);
    assertThat(
            registry
                .get("backstop.diagnosis.proposals")
                .tags("answeredBy", "llama", "tier", "FALLBACK")
                .counter()
                .count())
        .isEqualTo(1.0);
  }
}
