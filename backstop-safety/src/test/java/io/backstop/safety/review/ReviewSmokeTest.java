package io.backstop.safety.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.diagnosis.ModelTier;
import io.backstop.events.fixtures.Diagnoses;
import io.backstop.events.fixtures.Fixtures;
import io.backstop.events.fixtures.Signals;
import io.backstop.safety.Guardrails;
import io.backstop.safety.budget.IncidentBudget;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReviewSmokeTest {

  private final Guardrails guardrails = Guardrails.load(Optional.empty(), Fixtures.CLOCK);

  @Test
  void approvesTheHonestRollbackToTheLastHealthyRevision() {
    Decision decision =
        guardrails
            .review()
            .evaluate(Diagnoses.honestRollback(), IncidentBudget.fresh(), guardrails.breakers());

    assertThat(decision.failures()).isEmpty();
    assertThat(decision.outcome()).isEqualTo(Outcome.APPROVE);
    assertThat(decision.action().toRevision()).isEqualTo(2L);
    assertThat(decision.action().toSha()).isEqualTo(Signals.SHA_REV2);
    assertThat(decision.preconditions().currentRevision()).isEqualTo(3L);
    assertThat(decision.preconditions().currentSha()).isEqualTo(Signals.SHA_REV3);
  }

  @Test
  void rejectsTheHallucinatedRollbackAllAndReroutesToTheStrongTier() {
    Decision decision =
        guardrails
            .review()
            .evaluate(
                Diagnoses.hallucinatedRollbackAll(), IncidentBudget.fresh(), guardrails.breakers());

    assertThat(decision.outcome()).isEqualTo(Outcome.REJECT_REROUTE);
    assertThat(decision.nextTier()).isEqualTo(ModelTier.STRONG);
    assertThat(decision.failures()).extracting("policyId").contains("quality.sha-grounded");
  }
}
