package io.backstop.safety.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.codec.EventCodec;
import io.backstop.events.fixtures.Diagnoses;
import io.backstop.events.fixtures.Fixtures;
import io.backstop.safety.Guardrails;
import io.backstop.safety.budget.IncidentBudget;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class EvaluationTest {

  private final Guardrails guardrails = Guardrails.load(Optional.empty(), Fixtures.CLOCK);

  @Test
  void anEvaluationPrintsTheDecisionVerdictsActionAndPreconditionsAsJson() {
    Decision decision =
        guardrails
            .review()
            .evaluate(Diagnoses.honestRollback(), IncidentBudget.fresh(), guardrails.breakers());

    JsonNode json = EventCodec.mapper().valueToTree(Evaluation.of(decision));

    assertThat(json.get("decision").asString()).isEqualTo("APPROVE");
    assertThat(json.get("verdicts").size()).isEqualTo(decision.verdicts().size());
    assertThat(json.get("action").get("toRevision").asLong()).isEqualTo(2L);
    assertThat(json.get("preconditions").get("currentRevision").asLong()).isEqualTo(3L);
    assertThat(json.has("escalationReason")).isFalse();
  }

  @Test
  void anEscalationPrintsItsReasonAndNoAction() {
    Decision decision =
        guardrails
            .review()
            .evaluate(
                io.backstop.safety.fixtures.Proposal.honestRollback().scope("all").build(),
                IncidentBudget.fresh(),
                guardrails.breakers());

    JsonNode json = EventCodec.mapper().valueToTree(Evaluation.of(decision));

    assertThat(json.get("decision").asString()).isEqualTo("ESCALATE");
    assertThat(json.get("escalationReason").asString()).isEqualTo("ACTION_BLOCKED");
    assertThat(json.has("action")).isFalse();
  }
}
