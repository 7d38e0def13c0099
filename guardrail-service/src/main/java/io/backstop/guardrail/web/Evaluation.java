package io.backstop.guardrail.web;

import io.backstop.events.action.ApprovedAction;
import io.backstop.events.action.PolicyVerdict;
import io.backstop.events.action.Preconditions;
import io.backstop.events.diagnosis.ModelTier;
import io.backstop.events.escalation.EscalationReason;
import io.backstop.safety.review.Decision;
import io.backstop.safety.review.Outcome;
import java.util.List;

/** The what-if answer: the decision with every verdict, as the Kafka path would have emitted it. */
public record Evaluation(
    Outcome decision,
    List<PolicyVerdict> verdicts,
    ApprovedAction action,
    Preconditions preconditions,
    EscalationReason escalationReason,
    ModelTier nextTier,
    int budgetLeft,
    String summary,
    String suggestedAction) {

  public static Evaluation of(Decision decision) {
    return new Evaluation(
        decision.outcome(),
        decision.verdicts(),
        decision.action(),
        decision.preconditions(),
        decision.escalationReason(),
        decision.nextTier(),
        decision.budgetLeft(),
        decision.summary(),
        decision.suggestedAction());
  }
}
