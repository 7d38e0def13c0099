package io.backstop.safety.review;

import io.backstop.events.action.ApprovedAction;
import io.backstop.events.action.PolicyVerdict;
import io.backstop.events.action.Preconditions;
import io.backstop.events.diagnosis.ModelTier;
import io.backstop.events.escalation.EscalationReason;
import java.util.List;

/**
 * The decision as the what-if endpoint and the CLI print it: the outcome, every verdict, the
 * approved action and preconditions, or the escalation reason or next tier, and what a human may
 * approve when the escalation is approvable. Safety rationale: one shape for every reader of a
 * decision, built from the same {@link Decision} the Kafka path emits.
 */
public record Evaluation(
    Outcome decision,
    List<PolicyVerdict> verdicts,
    ApprovedAction action,
    Preconditions preconditions,
    EscalationReason escalationReason,
    ModelTier nextTier,
    int budgetLeft,
    String summary,
    String suggestedAction,
    HumanApproval approval) {

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
        decision.suggestedAction(),
        decision.approval());
  }
}
