package io.backstop.guardrail.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.DiagnosisRejected;
import io.backstop.events.EventHeader;
import io.backstop.events.Stage;
import io.backstop.events.action.PolicyVerdict;
import io.backstop.events.action.VerdictOutcome;
import io.backstop.events.diagnosis.ModelTier;
import io.backstop.events.fixtures.Diagnoses;
import io.backstop.events.fixtures.Fixtures;
import io.backstop.events.id.IncidentId;
import io.backstop.safety.Guardrails;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GuardrailStateTest {

  private final GuardrailState state =
      new GuardrailState(Guardrails.load(Optional.empty(), Fixtures.CLOCK));

  @Test
  void aRedeliveredEventIsAppliedOnce() {
    DiagnosisRejected rejection = rejection(IncidentId.of("inc-a"));

    state.apply(rejection);
    state.apply(rejection);

    assertThat(state.budget(IncidentId.of("inc-a")).reroutes()).isEqualTo(1);
  }

  @Test
  void theSameEventIdUnderAnotherIncidentIsAnotherEvent() {
    state.apply(rejection(IncidentId.of("inc-a")));
    state.apply(rejection(IncidentId.of("inc-b")));

    assertThat(state.budget(IncidentId.of("inc-a")).reroutes()).isEqualTo(1);
    assertThat(state.budget(IncidentId.of("inc-b")).reroutes()).isEqualTo(1);
  }

  private static DiagnosisRejected rejection(IncidentId incident) {
    var cause = Diagnoses.hallucinatedRollbackAll();
    var header =
        EventHeader.reactingTo(cause, Stage.GUARDRAIL, DiagnosisRejected.class, 1, Fixtures.NOW)
            .withIncident(incident);
    return new DiagnosisRejected(
        header,
        List.of(new PolicyVerdict("quality", "quality.sha-grounded", VerdictOutcome.DENY, "no")),
        ModelTier.STRONG,
        1,
        2,
        cause);
  }
}
